package dev.jwkgate.kong.pdk.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kong.log}: one line per call at the call's level, the arguments as Kong prints them. */
class LogTest {

    private final FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of());
    private final Kong kong = new Kong(new InMemoryChannel(pdk));

    @Test
    void everyLevelWritesAtItsOwnLevel() {
        kong.log.alert("a");
        kong.log.crit("c");
        kong.log.err("e");
        kong.log.warn("w");
        kong.log.notice("n");
        kong.log.info("i");
        kong.log.debug("d");
        assertThat(pdk.logs("alert")).containsExactly("a");
        assertThat(pdk.logs("crit")).containsExactly("c");
        assertThat(pdk.logs("err")).containsExactly("e");
        assertThat(pdk.logs("warn")).containsExactly("w");
        assertThat(pdk.logs("notice")).containsExactly("n");
        assertThat(pdk.logs("info")).containsExactly("i");
        assertThat(pdk.logs("debug")).containsExactly("d");
    }

    @Test
    void argumentsAreJoinedWithNumbersAndBooleansAsKongPrintsThem() {
        kong.log.notice("user ", "alice", " took ", 42, " ms, cached=", true);
        assertThat(pdk.logs("notice")).containsExactly("user alice took 42 ms, cached=true");
    }
}
