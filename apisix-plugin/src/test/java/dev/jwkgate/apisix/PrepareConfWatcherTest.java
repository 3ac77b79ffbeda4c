package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.support.ConfJson;
import dev.jwkgate.apisix.support.SigningKey;
import dev.jwkgate.gateway.GatewayPolicies;
import dev.jwkgate.source.support.JwksServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.junit.jupiter.api.Test;

/** What the runner does with a route's configuration when APISIX prepares it (PrepareConf). */
class PrepareConfWatcherTest {

    private final List<String> parsed = new ArrayList<>();
    private final FilterConfs confs = new FilterConfs(value -> {
        parsed.add(value);
        return new FilterConf.Invalid("test");
    });
    private final PrepareConfWatcher watcher = new PrepareConfWatcher(confs);

    private static A6Conf conf(Map<String, String> entries) {
        return new A6Conf(entries, new PluginFilterChain(List.of()));
    }

    @Test
    void parsesTheJwkGateEntryWhenApisixPreparesTheConf() {
        String value = new String("{\"issuer\":\"x\"}");

        watcher.watch(1, conf(Map.of("jwkgate", value, "other-filter", "{}")));

        assertThat(parsed).containsExactly(value);
    }

    @Test
    void leavesTheFirstRequestNothingToParse() {
        String value = new String("{\"issuer\":\"x\"}");
        watcher.watch(1, conf(Map.of("jwkgate", value)));

        confs.forValue(value);

        assertThat(parsed).hasSize(1);
    }

    /** The route's key set is loading before its first request: that request does not wait for the fetch. */
    @Test
    void startsFetchingTheRoutesKeySetWhenApisixPreparesTheConf() throws Exception {
        try (JwksServer idp = JwksServer.serving(SigningKey.rsa("k1"))) {
            FilterConfs real = new FilterConfs(new FilterConfParser(GatewayPolicies.shared()::acquire)::parse);
            String value = ConfJson.issuerWithJwks("https://idp.example/", idp.url()).set("audiences", List.of("api")).json();

            new PrepareConfWatcher(real).watch(1, conf(Map.of("jwkgate", value)));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (idp.fetches() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(idp.fetches()).as("key set fetched before any request").isEqualTo(1);
            } finally {
                real.release(value);
            }
        }
    }

    @Test
    void ignoresConfsWithoutAJwkGateEntry() {
        watcher.watch(1, conf(Map.of("other-filter", "{}")));

        assertThat(parsed).isEmpty();
    }
}
