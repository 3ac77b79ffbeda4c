package dev.jwkgate.kong.pdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.node}, against the Kong peer. */
class NodeTest {

    @Test
    void idIsTheNodesId() {
        Kong kong = new Kong(new InMemoryChannel(FakeKongPdk.request("GET", Map.of())));
        assertThat(kong.node.getId()).isEqualTo(FakeKongPdk.NODE_ID);
    }
}
