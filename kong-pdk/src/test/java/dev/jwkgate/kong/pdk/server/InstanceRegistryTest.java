package dev.jwkgate.kong.pdk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstanceRegistryTest {

    private final RecordingDefinition definition = new RecordingDefinition();
    private final InstanceRegistry registry = new InstanceRegistry(definition.definition, Clock.systemUTC());

    @Test
    void instanceIdIsTheConfigurationsSeqSoItMeansTheSameConfigurationAfterARestart() {
        assertThat(registry.start("rec", json("{\"__seq__\":7,\"a\":1}")).id()).isEqualTo(7);
        InstanceRegistry restarted = new InstanceRegistry(definition.definition, Clock.systemUTC());
        restarted.start("rec", json("{\"__seq__\":8,\"a\":2}"));
        assertThat(restarted.get(7)).isEmpty();
    }

    @Test
    void configurationWithoutSeqGetsARandomIdAboveKongsCounter() {
        int id = registry.start("rec", json("{\"a\":1}")).id();
        assertThat(id).isGreaterThanOrEqualTo(InstanceRegistry.RANDOM_ID_BASE);
    }

    @Test
    void seqZeroIsNotUsedSinceProto3WouldOmitIt() {
        assertThat(registry.start("rec", json("{\"__seq__\":0}")).id()).isGreaterThanOrEqualTo(InstanceRegistry.RANDOM_ID_BASE);
    }

    @Test
    void anotherConfigurationWithAnAlreadyUsedSeqGetsAnotherId() {
        int first = registry.start("rec", json("{\"__seq__\":3,\"a\":1}")).id();
        int second = registry.start("rec", json("{\"__seq__\":3,\"a\":2}")).id();
        assertThat(second).isNotEqualTo(first);
        assertThat(registry.get(first).orElseThrow()).isNotSameAs(registry.get(second).orElseThrow());
    }

    @Test
    void sameConfigurationFromAnotherWorkerGetsTheSameInstanceWithoutRebuildingIt() {
        PluginInstance first = registry.start("rec", json("{\"__seq__\":1,\"a\":1,\"b\":[\"x\"]}"));
        PluginInstance second = registry.start("rec", json("{\"b\":[\"x\"],\"a\":1,\"__seq__\":1}"));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(definition.built).hasSize(1);
    }

    @Test
    void workersStartingTheSameConfigurationAtOnceShareOneInstanceBuiltOnce() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(workers.submit(() -> {
                    go.await();
                    return registry.start("rec", json("{\"__seq__\":5,\"a\":1}")).id();
                }));
            }
            go.countDown();
            for (Future<Integer> id : ids) {
                assertThat(id.get(10, TimeUnit.SECONDS)).isEqualTo(5);
            }
            assertThat(definition.built).hasSize(1);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void changedConfigurationMakesANewInstance() {
        PluginInstance first = registry.start("rec", json("{\"__seq__\":1,\"a\":1}"));
        PluginInstance second = registry.start("rec", json("{\"__seq__\":2,\"a\":2}"));
        assertThat(second.id()).isNotEqualTo(first.id()).isGreaterThan(0);
    }

    @Test
    void pluginSeesOnlyItsOwnSettingsWithoutKongBookkeepingOrNulls() {
        registry.start("rec", json("{\"__seq__\":1,\"__plugin_id\":\"p\",\"__key__\":\"k\",\"__ws_id\":\"w\","
                + "\"route_id\":null,\"service_id\":\"s\",\"consumer_id\":null,\"plugin_instance_name\":\"n\","
                + "\"issuer\":\"i\",\"realm\":null}"));
        assertThat(definition.built).containsExactly(Map.of("issuer", "i"));
    }

    @Test
    void theVaultReferencesKongResolvedAreNotTakenForASetting() {
        // Kong hands over the resolved value under the field's name, the reference it came from under $refs
        registry.start("rec", json("{\"__seq__\":1,\"password\":\"s3cret\","
                + "\"$refs\":{\"password\":\"{vault://env/password}\"}}"));
        assertThat(definition.built).containsExactly(Map.of("password", "s3cret"));
    }

    @Test
    void closeReleasesOneHolderAndTheLastCloseRemovesTheInstance() {
        int id = registry.start("rec", json("{\"__seq__\":1}")).id();
        registry.start("rec", json("{\"__seq__\":1}"));
        registry.close(id);
        assertThat(registry.get(id)).isPresent();
        registry.close(id);
        assertThat(registry.get(id)).isEmpty();
    }

    @Test
    void theLastCloseClosesThePluginOnce() {
        int id = registry.start("rec", json("{\"__seq__\":1}")).id();
        registry.start("rec", json("{\"__seq__\":1}"));
        registry.close(id);
        assertThat(definition.closed.get()).isZero();
        registry.close(id);
        registry.close(id);
        assertThat(definition.closed.get()).isEqualTo(1);
    }

    @Test
    void aPluginStillHandlingAnEventIsClosedWhenThatEventEnds() {
        PluginInstance instance = registry.start("rec", json("{\"__seq__\":1}"));
        assertThat(instance.enter()).isTrue();

        registry.close(instance.id());

        assertThat(definition.closed.get()).isZero();
        instance.exit();
        assertThat(definition.closed.get()).isEqualTo(1);
    }

    @Test
    void anEventReachingAnInstanceAfterItsCloseIsTurnedAway() {
        PluginInstance instance = registry.start("rec", json("{\"__seq__\":1}"));
        registry.close(instance.id());

        assertThat(instance.enter()).isFalse();
        assertThat(definition.closed.get()).isEqualTo(1);
    }

    @Test
    void closingARefusedConfigurationHasNoPluginToClose() {
        PluginInstance instance = registry.start("rec", json("{\"__seq__\":1,\"bad\":true}"));
        registry.close(instance.id());
        assertThat(registry.get(instance.id())).isEmpty();
        assertThat(definition.closed.get()).isZero();
    }

    @Test
    void closingAnUnknownIdIsIgnored() {
        registry.close(42);
        assertThat(registry.size()).isZero();
    }

    @Test
    void refusedConfigurationStartsAnInstanceThatCarriesTheReason() {
        PluginInstance instance = registry.start("rec", json("{\"__seq__\":1,\"bad\":true}"));
        assertThat(instance.plugin()).isNull();
        assertThat(instance.refusal()).isEqualTo("bad: refused");
    }

    @Test
    void configurationThatIsNotJsonIsRefusedNotThrown() {
        PluginInstance instance = registry.start("rec", json("not json"));
        assertThat(instance.id()).isGreaterThanOrEqualTo(InstanceRegistry.RANDOM_ID_BASE);
        assertThat(instance.refusal()).contains("not a JSON object");
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A plugin that records each configuration it is built with, and refuses a setting named "bad". */
    static final class RecordingDefinition {
        final List<Map<String, Object>> built = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();
        final PluginDefinition definition = PluginDefinition.builder("rec").version("1.0.0").priority(1)
                .phases(Phase.ACCESS)
                .instances(config -> {
                    if (config.containsKey("bad")) {
                        throw new IllegalArgumentException("bad: refused");
                    }
                    built.add(config);
                    return new KongPlugin() {
                        @Override
                        public void close() {
                            closed.incrementAndGet();
                        }
                    };
                })
                .build();
    }
}
