package dev.jwkgate.kong.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.server.Dump;
import dev.jwkgate.kong.pdk.server.PluginServer;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import dev.jwkgate.kong.peer.KongDumpRules;
import dev.jwkgate.kong.peer.KongPeer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Testing a plugin without Kong: the in-process peer", as written there. */
class HelloOnThePeerTest {

    private static final Map<String, Object> CONFIG = Map.of("header", "X-Hello", "greeting", "hi");

    @Test
    void sendsTheGreetingUpstream() {
        FakeKongPdk kong = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));  // header names lower-case
        Hello.DEFINITION.newInstance(CONFIG).access(new Kong(new InMemoryChannel(kong)));
        assertThat(kong.upstreamHeaders()).containsEntry("x-hello", "hi");
    }

    @Test
    void refusesARequestWithoutCredentials() {
        FakeKongPdk kong = FakeKongPdk.request("GET", Map.of());
        InMemoryChannel channel = new InMemoryChannel(kong);
        Hello.DEFINITION.newInstance(CONFIG).access(new Kong(channel));
        assertThat(channel.exit().exitStatus()).isEqualTo(401);
        assertThat(kong.upstreamHeaders()).doesNotContainKey("x-hello");
    }

    @Test
    void answersKongOverThePluginSocket(@TempDir Path dir) throws Exception {
        try (PluginServer server = PluginServer.start(Hello.DEFINITION, dir.resolve("hello.socket"));
             KongPeer worker = new KongPeer(server.socketPath())) {      // one nginx worker
            int instance = worker.startInstance("hello", "{\"__seq__\":1,\"header\":\"X-Hello\",\"greeting\":\"hi\"}");
            FakeKongPdk request = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
            EventOutcome outcome = worker.handleEvent(instance, "access", request);
            assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
            assertThat(request.upstreamHeaders()).containsEntry("x-hello", "hi");
        }
    }

    @Test
    void dumpPassesKongsChecks() throws Exception {
        assertThat(KongDumpRules.violations(new ObjectMapper().readTree(Dump.json(Hello.DEFINITION)), "hello")).isEmpty();
    }
}
