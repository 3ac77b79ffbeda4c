package dev.jwkgate.kong.pdk.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.service}, against the Kong peer. */
class ServiceTest {

    private final FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of()).withUpstream("orders-v2");
    private final Kong kong = new Kong(new InMemoryChannel(pdk));

    @Test
    void setUpstreamIsTrueAndRoutesThereForAnUpstreamKongKnows() {
        assertThat(kong.service.setUpstream("orders-v2")).isTrue();
        assertThat(pdk.upstreamName()).isEqualTo("orders-v2");
    }

    @Test
    void setUpstreamIsFalseAndChangesNothingForAnUnknownUpstream() {
        assertThat(kong.service.setUpstream("nowhere")).isFalse();
        assertThat(pdk.upstreamName()).isNull();
    }

    @Test
    void setTargetSendsTheRequestToThatHostAndPort() {
        kong.service.setTarget("10.0.0.7", 8443);
        assertThat(pdk.target()).isEqualTo("10.0.0.7:8443");
    }
}
