package dev.jwkgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The demo's block of ports: each part on its own port of the block, a taken one replaced by a free one. */
class DemoPortsTest {

    @Test
    void givesEachPartItsOwnPortOfTheBlock() {
        DemoPorts ports = new DemoPorts(19400);

        assertThat(new int[] {ports.front(), ports.apisix(), ports.kong(), ports.kongAdmin(), ports.apisixUpstream(),
                ports.kongUpstream()}).containsExactly(19400, 19401, 19402, 19403, 19404, 19405);
    }

    @Test
    void replacesAPortSomethingListensOnWithAFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            int port = DemoPorts.freeOr(taken.getLocalPort());

            assertThat(port).isNotEqualTo(taken.getLocalPort()).isPositive();
        }
    }

    @Test
    void keepsAPortNothingListensOn() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            free = probe.getLocalPort();
        }

        assertThat(DemoPorts.freeOr(free)).isEqualTo(free);
    }
}
