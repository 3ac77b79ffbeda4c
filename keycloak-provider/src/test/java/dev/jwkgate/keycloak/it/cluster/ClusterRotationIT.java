package dev.jwkgate.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.JwkGate;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.Poll;
import dev.jwkgate.keycloak.it.Tokens;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.token.TokenValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three rotations of one provider on the two-node cluster, watched from outside the whole time: both
 * nodes' certs endpoints sampled a few times a second, and a token from each node in turn, verified by
 * one long-lived jwkgate validator with discovery, as a gateway in front of the cluster would.
 */
@ExtendWith(KeycloakCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRotationIT {

    private static final String REALM = "cluster-rotation";
    private static final String CLIENT = "svc";
    private static final String SECRET = "svc-secret-for-tests";
    /** How soon after one node serves a new JWKS the other must serve the same: a realm-cache invalidation across JGroups, with room for a loaded machine. */
    static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(5);

    private final KeycloakCluster.Cluster cluster;
    private String componentId;
    /** node (0, 1) → when each distinct JWKS was first seen there. */
    private final List<Map<String, Instant>> firstSeen = List.of(new HashMap<>(), new HashMap<>());
    private final List<List<Map<String, Object>>> ourKeySets = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final Map<Integer, Integer> verifiedByNode = new TreeMap<>();
    private final Set<String> signingKids = new LinkedHashSet<>();
    private Duration observed;

    ClusterRotationIT(KeycloakCluster.Cluster cluster) {
        this.cluster = cluster;
    }

    @BeforeAll
    void rotateThreeTimesWhileWatchingBothNodes() {
        AdminApi admin = cluster.admins.get(0);
        admin.createRealm(REALM, "RS256", 6);
        admin.createServiceClient(REALM, CLIENT, SECRET);
        AdminApi.Response created = admin.addKeyProvider(REALM, "rotating", "jwkgate-rotating", Map.of("priority", "500",
                "algorithm", "RS256", "rotationPeriod", "12s", "prePublicationLead", "5s", "retirementGrace", "9s"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        componentId = created.createdId();

        // a gateway set up as the provider's README asks: it caches the JWKS for less than the lead (3 s < 5 s), so it
        // learns each successor before it signs; Keycloak's certs endpoint says no-cache, so the default TTL applies
        TokenValidator gateway = JwkGate.builder(JwkGateConfig.builder().issuer(cluster.issuer(REALM)).discovery(true)
                .set(Setting.CACHE_DEFAULT_TTL_SECONDS, 3).set(Setting.CACHE_MIN_TTL_SECONDS, 1)
                .set(Setting.FIRST_LOAD_WAIT_MS, 15_000).build()).sources(new KeySourceRegistry()).build();
        Instant begin = Instant.now();
        Instant deadline = begin.plus(Duration.ofMinutes(3));
        int round = 0;
        // three rotations after the first key: four activations, and tokens of the fourth key seen
        while ((activations() < 4 || signingKids.size() < 4) && Instant.now().isBefore(deadline)) {
            for (int node = 0; node < 2; node++) {
                List<Map<String, Object>> jwks = cluster.admins.get(node).certs(REALM);
                firstSeen.get(node).putIfAbsent(canonical(jwks), Instant.now());
                ourKeySets.add(jwks);
            }
            int node = round++ % 2;
            String token = cluster.admins.get(node).clientCredentialsToken(REALM, CLIENT, SECRET);
            ValidationResult result = gateway.validate(token);
            if (result.isValid()) {
                verifiedByNode.merge(node + 1, 1, Integer::sum);
                signingKids.add(Tokens.kid(token));
            } else {
                refusals.add("node " + (node + 1) + " kid " + Tokens.kid(token) + ": " + result);
            }
            sleep(150);
        }
        observed = Duration.between(begin, Instant.now());
        System.out.printf("cluster rotation watched for %d s: %s tokens verified per node, %d refused, signing kids %s%n",
                observed.toSeconds(), verifiedByNode, refusals.size(), signingKids);
    }

    @AfterAll
    void stopRotating() {
        cluster.admins.get(0).deleteRealm(REALM);
    }

    @Test
    void eachDueStepIsMadeExactlyOnceAcrossBothNodesOverThreeRotations() {
        List<AuditLines.Line> lines = AuditLines.of(cluster.nodes, REALM);
        List<String> activated = lines.stream().filter(l -> l.event().equals("ACTIVATED")).map(AuditLines.Line::kid).toList();
        assertThat(activated).as("first key and three successors").hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates();
        for (String kid : lines.stream().map(AuditLines.Line::kid).collect(Collectors.toSet())) {
            for (String event : List.of("PUBLISHED", "ACTIVATED", "RETIRED", "REMOVED")) {
                assertThat(AuditLines.count(lines, event, kid)).as(event + " lines for " + kid + " on both nodes").isLessThanOrEqualTo(1);
            }
        }
        // every successor was published before it signed, and every key both nodes served was announced by an audit line
        activated.stream().skip(1).forEach(kid -> assertThat(AuditLines.count(lines, "PUBLISHED", kid)).as("published " + kid).isEqualTo(1));
        Set<String> announced = lines.stream().map(AuditLines.Line::kid).collect(Collectors.toSet());
        for (List<Map<String, Object>> jwks : ourKeySets) {
            List<String> ours = ours(jwks);
            assertThat(ours).as("keys of the provider served at once").hasSizeLessThanOrEqualTo(3);
            assertThat(announced).containsAll(ours);
        }
        // the stored state, read from the database: one active key
        String state = cluster.database.query("SELECT value FROM component_config WHERE component_id = '" + componentId
                + "' AND name = 'jwkgate.rotation.state'").get(0);
        assertThat(state.split("\"phase\":\"ACTIVE\"", -1)).hasSize(2);
        // the provider keeps rotating while the tests run, so a transition may sit between the two reads: the nodes'
        // key lists must agree within the convergence bound, not at one instant
        List<Map<String, Object>> agreed = Poll.until("both nodes' admin key lists agree", CONVERGENCE_BOUND, () -> {
            List<Map<String, Object>> first = cluster.admins.get(0).keys(REALM);
            return first.equals(cluster.admins.get(1).keys(REALM)) ? Optional.of(first) : Optional.empty();
        });
        assertThat(agreed).isNotEmpty();
    }

    @Test
    void bothNodesServeTheSameJwksWithinTheBoundAfterEachTransition() {
        Map<String, Instant> one = firstSeen.get(0);
        Map<String, Instant> two = firstSeen.get(1);
        assertThat(one.keySet()).as("JWKS versions served by node 1 and node 2").isEqualTo(two.keySet());
        assertThat(one).as("JWKS versions: the first key, then three publications at least").hasSizeGreaterThanOrEqualTo(4);
        Duration worst = one.keySet().stream().map(v -> Duration.between(one.get(v), two.get(v)).abs())
                .max(Comparator.naturalOrder()).orElseThrow();
        System.out.printf("JWKS convergence between the nodes: %d versions, worst lag %d ms (bound %d s, sampling every ~0.3 s)%n",
                one.size(), worst.toMillis(), CONVERGENCE_BOUND.toSeconds());
        assertThat(worst).isLessThanOrEqualTo(CONVERGENCE_BOUND);
    }

    @Test
    void tokensOfEitherNodeVerifyThroughTheCoreWithDiscoveryThroughout() {
        assertThat(refusals).as("tokens refused by the core").isEmpty();
        assertThat(verifiedByNode).containsKeys(1, 2);
        assertThat(signingKids).as("tokens signed by the first key and three successors").hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void rotatedRsaKeysCarryTheirCertificateAsX5cOnBothNodes() {
        for (int node = 0; node < 2; node++) {
            assertThat(cluster.admins.get(node).certs(REALM)).filteredOn(k -> ours(List.of(k)).size() == 1).isNotEmpty()
                    .allSatisfy(k -> assertThat(k.get("x5c")).asList().hasSize(1));
        }
    }

    private List<String> ours(List<Map<String, Object>> jwks) {
        Set<String> kids = cluster.admins.get(0).keys(REALM).stream().filter(k -> componentId.equals(k.get("providerId")))
                .map(k -> (String) k.get("kid")).collect(Collectors.toSet());
        kids.addAll(AuditLines.of(cluster.nodes, REALM).stream().map(AuditLines.Line::kid).toList());
        return jwks.stream().map(k -> (String) k.get("kid")).filter(kids::contains).toList();
    }

    private long activations() {
        return AuditLines.of(cluster.nodes, REALM).stream().filter(l -> l.event().equals("ACTIVATED")).count();
    }

    /** One JWKS as a comparable value: its keys sorted by kid. */
    private static String canonical(List<Map<String, Object>> jwks) {
        return jwks.stream().map(k -> new TreeMap<>(k).toString()).sorted().collect(Collectors.joining("\n"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
