package dev.jwkgate.kong.pdk.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.response}, against the Kong peer. */
class ResponseTest {

    private final FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of())
            .withServiceResponse(201, Map.of("Content-Type", "application/json", "X-Trace", List.of("a", "b")), new byte[0]);
    private final InMemoryChannel channel = new InMemoryChannel(pdk);
    private final Kong kong = new Kong(channel);

    @Test
    void readsTheStatusAndHeadersKongWillSend() {
        assertThat(kong.response.getStatus()).isEqualTo(201);
        assertThat(kong.response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(kong.response.getHeaders(100)).containsEntry("x-trace", List.of("a", "b"));
    }

    @Test
    void setStatusChangesTheStatusKongSends() {
        kong.response.setStatus(202);
        assertThat(pdk.responseStatus()).isEqualTo(202);
    }

    @Test
    void setHeaderReplacesAddHeaderAppendsClearHeaderRemoves() {
        kong.response.setHeader("X-Trace", "c");
        kong.response.addHeader("X-Trace", "d");
        kong.response.addHeader("X-New", "n");
        kong.response.clearHeader("Content-Type");
        assertThat(pdk.responseHeaders()).containsEntry("x-trace", List.of("c", "d")).containsEntry("x-new", List.of("n"))
                .doesNotContainKey("content-type");
    }

    @Test
    void exitAnswersTheClientWithStatusBodyAndHeadersAndEndsTheEvent() {
        kong.response.exit(403, "{\"error\":\"no\"}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
        EventOutcome exit = channel.exit();
        assertThat(exit.exitStatus()).isEqualTo(403);
        assertThat(exit.body()).isEqualTo("{\"error\":\"no\"}");
        assertThat(exit.exitHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(channel.terminated()).isTrue();
    }

    @Test
    void exitWithAStatusAloneSendsNoBody() {
        kong.response.exit(204);
        assertThat(channel.exit().exitStatus()).isEqualTo(204);
        assertThat(channel.exit().exitBody()).isEmpty();
        assertThat(channel.exit().exitHeaders()).isEmpty();
    }
}
