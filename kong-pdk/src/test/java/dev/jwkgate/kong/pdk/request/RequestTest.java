package dev.jwkgate.kong.pdk.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.request}, against the Kong peer. */
class RequestTest {

    private static Kong kong(FakeKongPdk pdk) {
        return new Kong(new InMemoryChannel(pdk));
    }

    @Test
    void readsTheFactsOfTheRequestLine() {
        Kong kong = kong(FakeKongPdk.request("PATCH", Map.of(), "a=1&b=2"));
        assertThat(kong.request.getMethod()).isEqualTo("PATCH");
        assertThat(kong.request.getScheme()).isEqualTo(FakeKongPdk.SCHEME);
        assertThat(kong.request.getHost()).isEqualTo(FakeKongPdk.HOST);
        assertThat(kong.request.getPort()).isEqualTo(FakeKongPdk.PORT);
        assertThat(kong.request.getPath()).isEqualTo("/");
        assertThat(kong.request.getPathWithQuery()).isEqualTo("/?a=1&b=2");
        assertThat(kong.request.getRawQuery()).isEqualTo("a=1&b=2");
        assertThat(kong.request.getHttpVersion()).isEqualTo(1.1);
    }

    @Test
    void forwardedSchemeAndHostAreTheRequestsOwnWithoutATrustedProxy() {
        Kong kong = kong(FakeKongPdk.request("GET", Map.of()));
        assertThat(kong.request.getForwardedScheme()).isEqualTo(FakeKongPdk.SCHEME);
        assertThat(kong.request.getForwardedHost()).isEqualTo(FakeKongPdk.HOST);
    }

    @Test
    void headerIsLookedUpWhateverTheCaseAndGivesItsFirstValue() {
        Kong kong = kong(FakeKongPdk.request("GET", Map.of("x-role", List.of("a", "b"))));
        assertThat(kong.request.getHeader("X-Role")).isEqualTo("a");
        assertThat(kong.request.getHeader("x-absent")).isEmpty();
    }

    @Test
    void headersGiveEveryValueUnderLowerCaseNames() {
        Kong kong = kong(FakeKongPdk.request("GET", Map.of("accept", "*/*", "x-role", List.of("a", "b"))));
        assertThat(kong.request.getHeaders(100)).containsEntry("accept", List.of("*/*"))
                .containsEntry("x-role", List.of("a", "b"));
    }

    @Test
    void queryGivesEveryArgumentAndABareFlagAsEmptyText() {
        Kong kong = kong(FakeKongPdk.request("GET", Map.of(), "a=1&debug"));
        assertThat(kong.request.getQuery(100)).containsEntry("a", List.of("1")).containsEntry("debug", List.of(""));
        assertThat(kong.request.getQueryArg("a")).isEqualTo("1");
    }

    @Test
    void queryArgOfABareFlagFailsInsideKongSoGetQueryIsTheWayToReadIt() {
        Kong kong = kong(FakeKongPdk.request("GET", Map.of(), "debug"));
        assertThatThrownBy(() -> kong.request.getQueryArg("debug")).hasMessageContaining("Kong would fail");
    }

    @Test
    void rawBodyHeldInMemoryIsItsContent() {
        Kong kong = kong(FakeKongPdk.request("POST", Map.of()).withBody("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        RawBody body = kong.request.getRawBody();
        assertThat(new String(body.content(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(body.filePath()).isNull();
        assertThat(body.error()).isNull();
    }

    @Test
    void rawBodyBufferedToAFileNamesTheFileInsteadOfContent() {
        Kong kong = kong(FakeKongPdk.request("POST", Map.of()).withBodyInFile("/usr/local/kong/client_body_temp/0000000001"));
        RawBody body = kong.request.getRawBody();
        assertThat(body.content()).isNull();
        assertThat(body.filePath()).isEqualTo("/usr/local/kong/client_body_temp/0000000001");
    }
}
