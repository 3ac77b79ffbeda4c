package dev.jwkgate.kong.pdk.service.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.service.response}: the upstream's answer, against the Kong peer. */
class ServiceResponseTest {

    private final Kong kong = new Kong(new InMemoryChannel(FakeKongPdk.request("GET", Map.of())
            .withServiceResponse(404, Map.of("Content-Type", "text/plain", "Via", List.of("a", "b")),
                    "not here".getBytes(StandardCharsets.UTF_8))));

    @Test
    void readsTheUpstreamsStatusAndHeadersOneByOne() {
        assertThat(kong.service.response.getStatus()).isEqualTo(404);
        assertThat(kong.service.response.getHeader("content-type")).isEqualTo("text/plain");
        assertThat(kong.service.response.getHeader("Via")).isEqualTo("a");
    }

    @Test
    void readsTheUpstreamsBody() {
        assertThat(new String(kong.service.response.getRawBody(), StandardCharsets.UTF_8)).isEqualTo("not here");
    }
}
