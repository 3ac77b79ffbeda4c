package dev.jwkgate.kong.pdk.ctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.ctx.shared}: values shared with other plugins for one request, against the Kong peer. */
class SharedContextTest {

    private final Kong kong = new Kong(new InMemoryChannel(FakeKongPdk.request("GET", Map.of())));

    @Test
    void storedTextReadsBack() {
        kong.ctx.shared.set("user", "alice");
        assertThat(kong.ctx.shared.get("user")).isEqualTo("alice");
    }

    @Test
    void storedNumberReadsBackAsADouble() {
        kong.ctx.shared.set("count", 3);
        assertThat(kong.ctx.shared.get("count")).isEqualTo(3.0);
    }

    @Test
    void storedListsAndMapsReadBack() {
        kong.ctx.shared.set("roles", List.of("a", "b"));
        kong.ctx.shared.set("claims", Map.of("sub", "alice"));
        assertThat(kong.ctx.shared.get("roles")).isEqualTo(List.of("a", "b"));
        assertThat(kong.ctx.shared.get("claims")).isEqualTo(Map.of("sub", "alice"));
    }

    @Test
    void absentKeyIsNull() {
        assertThat(kong.ctx.shared.get("nothing")).isNull();
    }
}
