package dev.jwkgate.kong.pdk.service.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.service.request}: what Kong forwards upstream, against the Kong peer. */
class ServiceRequestTest {

    private final FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x-role", List.of("a", "b"), "x-drop", "1"), "a=1");
    private final Kong kong = new Kong(new InMemoryChannel(pdk));

    @Test
    void setHeaderReplacesEveryValueAddHeaderAppendsClearHeaderRemoves() {
        kong.service.request.setHeader("X-Role", "c");
        kong.service.request.addHeader("X-Role", "d");
        kong.service.request.clearHeader("X-Drop");
        assertThat(pdk.upstreamHeaderValues("x-role")).containsExactly("c", "d");
        assertThat(pdk.upstreamHeaders()).doesNotContainKey("x-drop");
    }

    @Test
    void setHeadersSetsAndRemovesSeveralHeadersInOneCall() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("X-User", "alice");
        headers.put("X-Drop", List.of());
        kong.service.request.setHeaders(headers);
        assertThat(pdk.upstreamHeaders()).containsEntry("x-user", "alice").doesNotContainKey("x-drop");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void setRawQueryReplacesTheQueryAsGiven() {
        kong.service.request.setRawQuery("b=2&c");
        assertThat(pdk.upstreamRawQuery()).isEqualTo("b=2&c");
    }

    @Test
    void setQueryReplacesTheQueryWithEveryValueOfEachArgument() {
        kong.service.request.setQuery(Map.of("tag", List.of("x", "y")));
        assertThat(pdk.upstreamQuery()).isEqualTo(Map.of("tag", List.of("x", "y")));
    }

    @Test
    void setPathMethodAndSchemeChangeTheUpstreamRequestLine() {
        kong.service.request.setPath("/v2/orders");
        kong.service.request.setMethod("POST");
        kong.service.request.setScheme("https");
        assertThat(pdk.upstreamPath()).isEqualTo("/v2/orders");
        assertThat(pdk.upstreamMethod()).isEqualTo("POST");
        assertThat(pdk.upstreamScheme()).isEqualTo("https");
    }

    @Test
    void pathWithoutALeadingSlashFailsInsideKong() {
        assertThatThrownBy(() -> kong.service.request.setPath("v2")).hasMessageContaining("Kong would fail");
    }

    @Test
    void setRawBodyReplacesTheBody() {
        kong.service.request.setRawBody("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pdk.upstreamBody(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }
}
