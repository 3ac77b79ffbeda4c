package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.junit.jupiter.api.Test;

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

    @Test
    void ignoresConfsWithoutAJwkGateEntry() {
        watcher.watch(1, conf(Map.of("other-filter", "{}")));

        assertThat(parsed).isEmpty();
    }
}
