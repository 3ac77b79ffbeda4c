package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.token.AttackCorpus;
import dev.jwkgate.token.AttackCorpus.AttackCase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core's whole attack corpus (every attack class and the genuine controls) through the real APISIX and the real
 * Kong: each world deployed as a route, each token sent as a client sends it, and the status, reason code, challenge
 * and body compared with what the core answers for that route; a refused token never reaches the upstream.
 */
@RequiresRealGateways
@ExtendWith(SharedRealGateways.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackCorpusThroughRealGatewaysIT {

    /**
     * The longest request header line both gateways read: nginx's {@code large_client_header_buffers} default
     * ({@code 4 8k}), which APISIX's and Kong's nginx templates keep. A longer {@code Authorization} line is refused
     * by nginx with 400 before any plugin runs.
     */
    static final int NGINX_HEADER_LINE_LIMIT = 8192;

    /** Attempts at sending a case that must arrive within the second it was forged in. */
    private static final int SECOND_ATTEMPTS = 5;

    private final RealGateways gateways;
    private final KeySourceRegistry sources = new KeySourceRegistry();
    private final List<DeployedAttack> corpus = new ArrayList<>();
    private final Map<DeployedAttack, Integer> indexes = new LinkedHashMap<>();
    private final Map<DeployedAttack, Route> routes = new LinkedHashMap<>();
    /** Routes Kong's schema refused at load, with Kong's message. */
    private final Map<String, String> refusedByKong = new LinkedHashMap<>();

    AttackCorpusThroughRealGatewaysIT(RealGateways gateways) {
        this.gateways = gateways;
    }

    @BeforeAll
    void deployEveryWorldAsARoute() throws Exception {
        List<AttackCase> cases = AttackCorpus.casesAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Map<Map<String, Object>, Route> worlds = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            DeployedAttack deployed = DeployedAttack.of(cases.get(i), sources);
            routes.put(deployed, worlds.computeIfAbsent(deployed.settings(),
                    s -> Route.jwkgate("corpus-w" + (worlds.size() + 1), deployed.policy())));
            indexes.put(deployed, i);
            corpus.add(deployed);
        }
        List<Route> onBoth = new ArrayList<>();
        List<Route> apisixOnly = new ArrayList<>();
        for (Route route : worlds.values()) {
            HttpResponse<String> check = gateways.kong().validatePlugin("jwkgate", route.policy().kongSettings());
            if (check.statusCode() == 200) {
                onBoth.add(route);
            } else {
                refusedByKong.put(route.name(), check.body());
                apisixOnly.add(route);
            }
        }
        gateways.register(onBoth, apisixOnly);
        System.out.printf("attack corpus: %d cases in %d worlds (routes); Kong's schema refused %s%n", corpus.size(),
                worlds.size(), refusedByKong);
    }

    @AfterAll
    void closeSources() {
        sources.closeAll();
    }

    List<DeployedAttack> corpus() {
        return corpus;
    }

    @Test
    void theCorpusHasEveryAttackClassAndTheGenuineControls() {
        assertThat(corpus).hasSize(88);
        assertThat(corpus).extracting(d -> d.attack().number()).containsAll(java.util.stream.IntStream.rangeClosed(0, 21)
                .boxed().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void apisixAnswersEveryCaseAsTheCoreDoesForTheDeployedRoute(DeployedAttack attack) {
        answersAsTheCoreDoes(gateways.apisix(), attack);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void kongAnswersEveryCaseAsTheCoreDoesForTheDeployedRoute(DeployedAttack attack) {
        String refusal = refusedByKong.get(routes.get(attack).name());
        if (refusal != null) {
            // Kong's schema refused this route at load: the core refuses the same configuration (500 on APISIX)
            assertThat(attack.expected().reason()).as("the core refuses the configuration Kong refused").isEqualTo("internal_error");
            Reply reply = gateways.bearer(gateways.kong(), path(attack, gateways.kong()), attack.attack().token());
            assertThat(reply.status()).as("no route is served for a refused configuration: %s", reply).isEqualTo(404);
            assertThat(gateways.upstream().receivedAny(path(attack, gateways.kong()))).isFalse();
            return;
        }
        answersAsTheCoreDoes(gateways.kong(), attack);
    }

    @Test
    void bothGatewaysGiveIdenticalVerdictsOnTheWholeCorpus() {
        List<String> table = new ArrayList<>();
        Set<String> differences = new TreeSet<>();
        for (DeployedAttack attack : corpus) {
            if (refusedByKong.containsKey(routes.get(attack).name())) {
                table.add(String.format("%-78s APISIX %s | Kong refuses the configuration at load", attack,
                        send(gateways.apisix(), attack, "parity").verdict()));
                continue;
            }
            Reply apisix = send(gateways.apisix(), attack, "parity");
            Reply kong = send(gateways.kong(), attack, "parity");
            table.add(String.format("%-78s APISIX %s | Kong %s", attack, apisix.verdict(), kong.verdict()));
            boolean jwkgateRefused = apisix.status() != 200 && !nginxRefusesTheHeaderLine(attack);
            if (!apisix.verdict().equals(kong.verdict()) || jwkgateRefused && !apisix.body().equals(kong.body())) {
                differences.add(attack + ": APISIX " + apisix + " | Kong " + kong);
            }
        }
        System.out.println("parity on the real gateways (" + corpus.size() + " cases):\n  " + String.join("\n  ", table));
        assertThat(differences).as("cases the two gateways answer differently").isEmpty();
        assertThat(table).hasSize(corpus.size());
    }

    @Test
    void deployingTheWorldsChangesTheAnswerOnlyWhereKeyIngestionOrTheConfigurationStopsTheTokenFirst() {
        Map<String, String> changed = new LinkedHashMap<>();
        for (DeployedAttack attack : corpus) {
            if (!attack.asInTheCorpus()) {
                changed.put(attack.toString(), attack.expected().verdict());
            }
        }
        System.out.println("worlds that cannot be deployed as the corpus builds them:\n  " + changed);
        // keys the corpus hands the validator directly, which a configured set never lets through ingestion
        assertThat(changed).containsOnlyKeys(
                "A03 HMAC with the public key: PEM text, HMAC allowed, kid names the RSA key",
                "A03 HMAC with the public key: RSA key mislabelled as allowing HS256",
                "A08 invalid-curve key: P-384 key labelled ES256",
                "A09 weak RSA key: 1024-bit modulus",
                "A09 weak RSA key: public exponent 1, signature = encoded message",
                "A18 key usage ignored: key marked use enc",
                "A19 secret in a remote JWKS: secret mislabelled as an RSA key",
                "A20 weak HMAC secret: 16-byte secret",
                "A20 weak HMAC secret: blank secret");
        // and every one of them is still refused, none passes
        assertThat(changed.values()).allMatch(verdict -> verdict.startsWith("401 unknown_key") || verdict.startsWith("500 internal_error"));
    }

    private void answersAsTheCoreDoes(RealGateway gateway, DeployedAttack attack) {
        String path = path(attack, gateway);
        Reply reply = send(gateway, attack, null);
        if (nginxRefusesTheHeaderLine(attack)) {
            // the token never reaches jwkgate: nginx answers with its own page, without a challenge
            assertThat(reply.status()).as("%s: %s", attack, reply).isEqualTo(400);
            assertThat(reply.body()).containsIgnoringCase("Request Header Or Cookie Too Large");
            assertThat(reply.wwwAuthenticate()).isNull();
            assertThat(gateways.upstream().receivedAny(path)).isFalse();
            return;
        }
        DeployedAttack.Answer expected = attack.expected();
        assertThat(reply.status()).as("%s: %s", attack, reply).isEqualTo(expected.status());
        if (expected.status() == 200) {
            assertThat(gateways.upstream().received(path)).as("the genuine token went upstream").isPresent();
            return;
        }
        assertThat(reply.reason()).isEqualTo(expected.reason());
        assertThat(reply.wwwAuthenticate()).isEqualTo(expected.wwwAuthenticate());
        assertThat(reply.body()).isEqualTo(expected.body());
        assertThat(reply.header("content-type")).contains("application/json");
        assertThat(gateways.upstream().receivedAny(path)).as("a refused token reached the upstream").isFalse();
    }

    private static boolean nginxRefusesTheHeaderLine(DeployedAttack attack) {
        return ("Authorization: Bearer " + attack.attack().token()).length() > NGINX_HEADER_LINE_LIMIT;
    }

    private String path(DeployedAttack attack, RealGateway gateway) {
        return routes.get(attack).prefix() + "case-" + indexes.get(attack) + "-" + gateway.name();
    }

    /**
     * Sends the case's token; a case whose answer turns one second after it was forged is forged afresh at the start
     * of a second and sent within it (else sent again), so the real clock sees the instant the corpus means.
     */
    private Reply send(RealGateway gateway, DeployedAttack attack, String suffix) {
        String path = path(attack, gateway) + (suffix == null ? "" : "-" + suffix);
        if (!attack.changesWithinASecond(sources)) {
            return gateways.bearer(gateway, path, attack.attack().token());
        }
        for (int attempt = 1; attempt <= SECOND_ATTEMPTS; attempt++) {
            Instant second = startOfNextSecond();
            String token = AttackCorpus.casesAt(second).get(indexes.get(attack)).token();
            Reply reply = gateways.bearer(gateway, path + "-" + attempt, token);
            if (Instant.now().isBefore(second.plusSeconds(1))) {
                return reply;
            }
        }
        throw new IllegalStateException(attack + ": not answered within its second in " + SECOND_ATTEMPTS + " attempts");
    }

    private static Instant startOfNextSecond() {
        Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        try {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), next).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return next;
    }
}
