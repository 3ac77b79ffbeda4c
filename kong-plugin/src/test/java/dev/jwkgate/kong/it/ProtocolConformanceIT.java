package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import dev.jwkgate.result.HttpRejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Kong's side of the plugin socket ({@code kong/runloop/plugin_servers/rpc/pb_rpc.lua}) expects of a plugin
 * server: sequences echoed, instances started once per configuration, events ending with an empty frame, pooled
 * keep-alive connections, an unknown instance answered by a close. Checked against the packaged plugin server,
 * driven by the Kong peer. Events here need no token validation; the token cases are in {@link JwtTokensIT}.
 */
class ProtocolConformanceIT {

    private static Path dir;
    private static PluginServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        dir = Files.createTempDirectory("kong");
        server = PluginServerProcess.start(dir.resolve("jwkgate.socket"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** A config as Kong's cjson sends it: schema defaults filled in, bookkeeping keys, an unset id as null. */
    static String config(int seq, String extra) {
        return "{\"issuer\":\"https://idp.example\",\"jwks_uri\":\"http://127.0.0.1:9/jwks\","
                + "\"header_names\":[\"authorization\"],\"clock_skew_seconds\":60,\"hide_credentials\":false,"
                + "\"audience_required\":{},\"run_on_preflight\":false" + extra + ","
                + "\"__seq__\":" + seq + ",\"__plugin_id\":\"6f1e0a4c-0000-4000-8000-00000000000" + (seq % 10) + "\","
                + "\"__key__\":\"plugins:jwkgate:::::ws\",\"__ws_id\":\"ws\",\"route_id\":null,"
                + "\"service_id\":\"7a9c3f2e-0000-4000-8000-000000000001\"}";
    }

    private static FakeKongPdk preflight() {
        return FakeKongPdk.request("OPTIONS", Map.of("origin", "https://app.example",
                "access-control-request-method", "GET"));
    }

    @Test
    void startInstanceEchoesTheFirstSequenceTwoAndAnswersAnIdOfAtLeastOne() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", config(1, ""));
            assertThat(kong.lastSequence()).isEqualTo(2);
            assertThat(id).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void startInstanceEchoesLargeSequences() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket()).withMessageCounter(5_000_000_000L)) {
            assertThat(kong.startInstance("jwkgate", config(1, ""))).isPositive();
            assertThat(kong.lastSequence()).isEqualTo(5_000_000_002L);
        }
    }

    @Test
    void configWithoutTheUnsetIdsIsAcceptedToo() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", config(2, "").replace("\"route_id\":null,", ""));
            assertThat(kong.handleEvent(id, "access", preflight()).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        }
    }

    @Test
    void everyWorkerStartingTheSameConfigurationGetsTheSameInstance() throws Exception {
        try (KongPeer worker0 = new KongPeer(server.socket()); KongPeer worker1 = new KongPeer(server.socket())) {
            assertThat(worker1.startInstance("jwkgate", config(3, ""))).isEqualTo(worker0.startInstance("jwkgate", config(3, "")));
        }
    }

    @Test
    void changedConfigurationGetsANewInstance() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            int before = kong.startInstance("jwkgate", config(4, ""));
            int after = kong.startInstance("jwkgate", config(5, ",\"realm\":\"changed\""));
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Test
    void eventRunsItsCallbacksThenEndsWithAnEmptyFrameAndTheReturn() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", config(6, ""));
            FakeKongPdk pdk = preflight();
            EventOutcome outcome = kong.handleEvent(id, "access", pdk);
            assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
            assertThat(pdk.calls()).containsExactly("kong.request.get_headers", "kong.request.get_method");
        }
    }

    @Test
    void severalCallsShareOneKeepaliveConnection() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", config(7, ""));
            for (int i = 0; i < 5; i++) {
                assertThat(kong.handleEvent(id, "access", preflight()).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
            }
            kong.closeInstance(id);
            assertThat(kong.connectionsOpened()).isEqualTo(1);
        }
    }

    @Test
    void manyConnectionsAtOnceAreServedIndependently() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                results.add(workers.submit((Callable<Integer>) () -> {
                    int completed = 0;
                    try (KongPeer kong = new KongPeer(server.socket())) {
                        int id = kong.startInstance("jwkgate", config(8, ""));
                        for (int i = 0; i < 25; i++) {
                            if (kong.handleEvent(id, "access", preflight()).kind() == EventOutcome.Kind.COMPLETED) {
                                completed++;
                            }
                        }
                    }
                    return completed;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(25);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void unknownInstanceIdClosesTheConnectionWithoutAnyFrame() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            EventOutcome outcome = kong.handleEvent(999_999, "access", preflight());
            assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.CLOSED);
            assertThat(outcome.exitBody()).isNull();
        }
    }

    @Test
    void afterAnUnknownInstanceKongsRestartAndRetrySucceed() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            assertThat(kong.handleEvent(999_998, "access", preflight()).kind()).isEqualTo(EventOutcome.Kind.CLOSED);
            int id = kong.startInstance("jwkgate", config(9, ""));
            assertThat(kong.handleEvent(id, "access", preflight()).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        }
    }

    @Test
    void closeInstanceEchoesTheSequenceAndTheInstanceIsGone() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", config(10, ""));
            kong.closeInstance(id);
            assertThat(kong.lastSequence()).isEqualTo(3);
            assertThat(kong.handleEvent(id, "access", preflight()).kind()).isEqualTo(EventOutcome.Kind.CLOSED);
        }
    }

    @Test
    void closingAnUnknownInstanceStillAnswersWithTheSequence() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            kong.closeInstance(123_456);
            assertThat(kong.lastSequence()).isEqualTo(2);
        }
    }

    @Test
    void configFrameLargerThan64KibIsRead() throws Exception {
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            kids.append(i == 0 ? "" : ",").append("\"retired-key-").append(String.format("%020d", i)).append('"');
        }
        String config = config(11, ",\"revoked_kids\":[" + kids + "]");
        assertThat(config.length()).isGreaterThan(65_536);
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", config);
            assertThat(kong.handleEvent(id, "access", preflight()).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        }
    }

    @Test
    void refusedConfigurationIsAnswered500AndLoggedByItsKongName() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", config(12, ",\"clock_skew_seconds\":1000,\"run_on_preflight\":true")
                    .replace("\"clock_skew_seconds\":60,", "").replace("\"run_on_preflight\":false", "\"realm\":\"x\""));
            FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of());
            EventOutcome outcome = kong.handleEvent(id, "access", pdk);
            assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.EXITED);
            assertThat(outcome.exitStatus()).isEqualTo(500);
            assertThat(outcome.exitHeaders()).containsEntry("Content-Type", "application/json");
            assertThat(outcome.body()).isEqualTo(HttpRejection.internalError().body());
            assertThat(pdk.errorLogs()).singleElement().asString().contains("clock_skew_seconds");
        }
    }

    @Test
    void unknownSettingIsAnswered500AndLoggedByName() throws Exception {
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", config(13, ",\"key_claim_name\":\"iss\""));
            FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of());
            assertThat(kong.handleEvent(id, "access", pdk).exitStatus()).isEqualTo(500);
            assertThat(pdk.errorLogs()).singleElement().asString().contains("key_claim_name: unknown setting");
        }
    }

    @Test
    void serverBindsTheGivenPathReplacingAStaleFile() throws Exception {
        Path socket = dir.resolve("stale.socket");
        Files.writeString(socket, "left over by a crashed server");
        PluginServerProcess fresh = PluginServerProcess.start(socket);
        try (KongPeer kong = new KongPeer(socket)) {
            assertThat(kong.startInstance("jwkgate", config(1, ""))).isPositive();
        } finally {
            fresh.close();
        }
    }

    @Test
    void afterAServerRestartACachedIdNeverReachesAnotherRoutesInstance() throws Exception {
        Path socket = dir.resolve("restart.socket");
        int routeA;
        PluginServerProcess before = PluginServerProcess.start(socket);
        try (KongPeer worker = new KongPeer(socket)) {
            routeA = worker.startInstance("jwkgate", config(41, ""));
        } finally {
            before.close();
        }
        PluginServerProcess after = PluginServerProcess.start(socket);
        try (KongPeer workerX = new KongPeer(socket); KongPeer workerY = new KongPeer(socket)) {
            // worker X noticed the restart first and started route B's configuration on the new process
            workerX.startInstance("jwkgate", config(42, ",\"realm\":\"route-b\""));
            // worker Y still holds route A's id: the new process must not answer it with route B's policy
            assertThat(workerY.handleEvent(routeA, "access", preflight()).kind()).isEqualTo(EventOutcome.Kind.CLOSED);
            assertThat(workerY.startInstance("jwkgate", config(41, ""))).isEqualTo(routeA);
        } finally {
            after.close();
        }
    }

    @Test
    void sigtermStopsTheServerAndRemovesTheSocket() throws Exception {
        Path socket = dir.resolve("term.socket");
        PluginServerProcess fresh = PluginServerProcess.start(socket);
        fresh.terminate();
        assertThat(fresh.isAlive()).isFalse();
        assertThat(socket).doesNotExist();
    }
}
