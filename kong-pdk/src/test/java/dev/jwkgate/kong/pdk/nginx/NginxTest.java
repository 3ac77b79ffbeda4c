package dev.jwkgate.kong.pdk.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.nginx}, against the Kong peer. */
class NginxTest {

    private final Kong kong = new Kong(new InMemoryChannel(FakeKongPdk.request("GET", Map.of())
            .withNginxVariable("cookie_session", "s-1")));

    @Test
    void variableReadsItsValueAndAnUnsetOneReadsEmpty() {
        assertThat(kong.nginx.getVar("cookie_session")).isEqualTo("s-1");
        assertThat(kong.nginx.getVar("cookie_none")).isEmpty();
    }

    @Test
    void subsystemOfAnHttpRequestIsHttp() {
        assertThat(kong.nginx.getSubsystem()).isEqualTo("http");
    }

    @Test
    void requestStartTimeIsSecondsSinceTheEpochWithMilliseconds() {
        assertThat(kong.nginx.reqStartTime()).isEqualTo(FakeKongPdk.REQUEST_START);
    }
}
