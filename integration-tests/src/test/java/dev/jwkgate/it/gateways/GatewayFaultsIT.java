package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.KeySourceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What breaks, broken for real: the Java process each gateway spawned is killed mid-traffic (every request in the gap
 * is refused, none passes, the gateway starts it again and traffic recovers), and a route configuration the core
 * refuses (the route answers 500, the gateway's error log names the setting).
 */
@RequiresRealGateways
@ExtendWith(SharedRealGateways.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayFaultsIT {

    /** Longest a gateway may take to start its Java process again and serve (APISIX waits 3 s, Kong 1 s, then the JVM). */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    /** Between two requests of one client: the load stays bounded while the gateway restarts its Java process. */
    private static final long PAUSE_MILLIS = 5;

    private final RealGateways gateways;
    private final KeySourceRegistry sources = new KeySourceRegistry();
    private Route route;
    private String valid;
    private String forged;

    GatewayFaultsIT(RealGateways gateways) {
        this.gateways = gateways;
    }

    @BeforeAll
    void deployARouteWithAStaticKeySet() {
        // the corpus's RS256 world: a genuine token, and a token of that world with its signature cut off
        DeployedAttack genuine = DeployedAttack.named("A00 genuine token: RS256", sources);
        valid = genuine.attack().token();
        forged = DeployedAttack.named("A02 empty signature: RS256", sources).attack().token();
        route = Route.jwkgate("faults", genuine.policy());
        gateways.register(route);
    }

    @AfterAll
    void closeSources() {
        sources.closeAll();
    }

    @Test
    void killingApisixsRunnerMidTrafficRefusesEveryRequestInTheGapAndApisixStartsItAgain() throws Exception {
        killMidTraffic(gateways.apisix());
    }

    @Test
    void killingKongsPluginServerMidTrafficRefusesEveryRequestInTheGapAndKongStartsItAgain() throws Exception {
        killMidTraffic(gateways.kong());
    }

    /** One request of the load: what was sent, when it was sent (ms from the start of the load), and the status. */
    private record Sent(boolean validToken, long sentAt, int status) {
    }

    private void killMidTraffic(RealGateway gateway) throws Exception {
        ProcessHandle java = gateway.javaProcess().orElseThrow(() -> new AssertionError(gateway.name() + " runs no Java process"));
        String forgedPrefix = route.prefix() + "forged-" + gateway.name() + "-";
        List<Sent> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> load = new ArrayList<>();
        long start = System.currentTimeMillis();
        long deadAt;
        try {
            // one client with a valid token, one alternating a forged token and none at all
            load.add(pool.submit(() -> {
                while (running.get()) {
                    long at = System.currentTimeMillis() - start;
                    int status = gateways.bearer(gateway, route.prefix() + "valid-" + UUID.randomUUID(), valid).status();
                    sent.add(new Sent(true, at, status));
                    Thread.sleep(PAUSE_MILLIS);
                }
                return null;
            }));
            load.add(pool.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    long at = System.currentTimeMillis() - start;
                    int status = gateways.bearer(gateway, forgedPrefix + UUID.randomUUID(), i % 2 == 0 ? forged : null).status();
                    sent.add(new Sent(false, at, status));
                    Thread.sleep(PAUSE_MILLIS);
                }
                return null;
            }));
            RealGateway.await("traffic flowing", Duration.ofSeconds(10), () -> sent.stream().filter(Sent::validToken).count() > 20);
            java.destroyForcibly(); // SIGKILL: a crash, nothing is cleaned up
            java.onExit().get(10, TimeUnit.SECONDS);
            // requests sent from here on cannot be served by the killed process
            deadAt = System.currentTimeMillis() - start;
            RealGateway.await(gateway.name() + " serving valid tokens again", RECOVERY_LIMIT, () -> sent.stream()
                    .anyMatch(s -> s.validToken() && s.sentAt() > deadAt && s.status() == 200));
            RealGateway.await(gateway.name() + " refusing forged tokens again", RECOVERY_LIMIT, () -> sent.stream()
                    .anyMatch(s -> !s.validToken() && s.sentAt() > deadAt && s.status() == 401));
            Thread.sleep(500); // some traffic after the recovery
        } finally {
            running.set(false);
            for (Future<?> f : load) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }
        // the first request jwkgate answered again: a valid token passed or a forged one refused with 401
        long recovered = sent.stream().filter(s -> s.sentAt() > deadAt && (s.status() == 200 || s.status() == 401))
                .mapToLong(Sent::sentAt).min().orElseThrow();
        List<Sent> inGap = sent.stream().filter(s -> s.sentAt() > deadAt && s.sentAt() < recovered).toList();
        ProcessHandle restarted = gateway.javaProcess().orElseThrow(() -> new AssertionError(gateway.name() + " did not restart it"));
        System.out.printf("%s: Java process %d killed, gone at %d ms; the first request sent after that and answered by "
                        + "jwkgate was sent at %d ms: %d ms without service; new process %d; %d requests in the gap, statuses %s; "
                        + "%d requests in all%n", gateway.name(), java.pid(), deadAt, recovered, recovered - deadAt,
                restarted.pid(), inGap.size(), inGap.stream().map(Sent::status).distinct().sorted().toList(), sent.size());

        assertThat(restarted.pid()).isNotEqualTo(java.pid());
        assertThat(inGap).as("requests in the gap").isNotEmpty()
                .allSatisfy(s -> assertThat(s.status()).as("refused with 5xx in the gap").isBetween(500, 599));
        assertThat(sent).filteredOn(s -> !s.validToken())
                .allSatisfy(s -> assertThat(s.status()).as("a forged or missing token").isNotEqualTo(200));
        assertThat(gateways.upstream().receivedAny(forgedPrefix)).as("a forged or missing token reached the upstream").isFalse();
        assertThat(sent).filteredOn(s -> s.validToken() && s.sentAt() > recovered + 200)
                .allSatisfy(s -> assertThat(s.status()).as("valid tokens after the recovery").isEqualTo(200));
    }

    @Test
    void aRouteConfigurationTheCoreRefusesAnswers500AndTheErrorLogNamesTheSetting() {
        // valid for Kong's schema (a string), refused by the core: plain HTTP to a host that is not loopback
        Route refused = Route.jwkgate("bad-conf", Policy.of(Map.of("issuer", "https://idp.example/",
                "jwks_uri", "http://idp.example/jwks")));
        int[] logFrom = gateways.both().stream().mapToInt(g -> g.serverLogText().length()).toArray();
        gateways.register(refused);
        for (int i = 0; i < 2; i++) {
            RealGateway gateway = gateways.both().get(i);
            String path = refused.prefix() + UUID.randomUUID();
            Reply reply = gateways.bearer(gateway, path, valid);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
            assertThat(reply.body()).isEqualTo("{\"message\":\"An unexpected error occurred\",\"reason\":\"internal_error\"}");
            assertThat(reply.wwwAuthenticate()).isNull();
            assertThat(gateways.upstream().received(path)).isEmpty();
            String line = gateway.awaitLog(gateway.name() + " logging the refused setting", logFrom[i], Duration.ofSeconds(10),
                    "jwks_uri", "plain http");
            String log = gateway.serverLogText().substring(logFrom[i]);
            System.out.printf("%s answers a refused configuration with %d %s; its log: %s%n", gateway.name(),
                    reply.status(), reply.body(), line);
            assertThat(log).doesNotContain(valid);
        }
    }

}
