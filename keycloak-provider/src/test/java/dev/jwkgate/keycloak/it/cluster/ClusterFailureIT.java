package dev.jwkgate.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cluster when things go wrong: a node killed in the middle of a pass, an admin's save racing a pass. */
@ExtendWith(KeycloakCluster.class)
class ClusterFailureIT {

    private static final String PROVIDER = "jwkgate-rotating";
    private static final Pattern STORING = Pattern.compile("realm=(\\S+) component=(\\S+) storing due transitions");

    private final KeycloakCluster.Cluster cluster;

    ClusterFailureIT(KeycloakCluster.Cluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void aNodeKilledInTheMiddleOfAPassLosesNoKeyAndTheSurvivorFinishesTheStep() throws Exception {
        String realm = "cluster-kill";
        int components = 6;
        long[] logStart = cluster.nodes.stream().mapToLong(n -> n.log().length()).toArray();
        // one realm import: the six providers are created together, so their publications fall due in one pass
        Map<String, Map<String, String>> providers = new LinkedHashMap<>();
        for (int i = 1; i <= components; i++) {
            providers.put("rotating-" + i, Map.of("priority", String.valueOf(500 + i), "algorithm", "RS256",
                    "rotationPeriod", "16s", "prePublicationLead", "8s", "retirementGrace", "60s"));
        }
        cluster.admins.get(0).createRealmWithKeyProviders(realm, "RS256", 30, PROVIDER, providers);
        Map<String, String> firstKid = new LinkedHashMap<>();
        for (Map<String, Object> key : cluster.admins.get(0).keys(realm)) {
            if (key.get("status").equals("ACTIVE") && key.get("algorithm").equals("RS256")) {
                firstKid.put((String) key.get("providerId"), (String) key.get("kid"));
            }
        }
        List<String> ids = cluster.admins.get(0).keyProviders(realm, PROVIDER).stream().map(c -> (String) c.get("id")).toList();
        assertThat(ids).hasSize(components);

        // the node that starts storing this realm's publications is killed at once
        int[] victim = {-1};
        Poll.until("a pass storing the publications", Duration.ofSeconds(60), () -> {
            for (int n = 0; n < 2; n++) {
                Matcher m = STORING.matcher(cluster.nodes.get(n).log().substring((int) logStart[n]));
                while (m.find()) {
                    if (m.group(1).equals(realm)) {
                        victim[0] = n;
                        return Optional.of(true);
                    }
                }
            }
            return Optional.empty();
        });
        KeycloakServer killed = cluster.nodes.get(victim[0]);
        killed.kill();
        try {
            survivorFinishes(realm, components, ids, firstKid, victim[0], killed, logStart);
        } finally {
            if (!killed.isRunning()) {
                killed.startAgain(); // the other tests of the suite need both nodes
            }
        }
    }

    private void survivorFinishes(String realm, int components, List<String> ids, Map<String, String> firstKid, int victimIndex,
                                  KeycloakServer killed, long[] logStart) throws Exception {
        int[] victim = {victimIndex};
        int survivor = 1 - victim[0];
        String killedLog = killed.log().substring((int) logStart[victim[0]]);
        long storedBeforeDeath = AuditLines.of(List.of(killed), realm).stream().filter(l -> l.event().equals("PUBLISHED")).count();
        System.out.printf("node %d killed (SIGKILL) after %d of %d publications were committed%n", victim[0] + 1, storedBeforeDeath, components);
        assertThat(storedBeforeDeath).as("the kill landed in the middle of the pass").isLessThan(components);
        assertThat(killedLog).contains("realm=" + realm);

        // the survivor's next passes make every publication, each exactly once across both nodes
        AdminApi admin = cluster.admins.get(survivor);
        Poll.until("every successor published by the survivor", Duration.ofSeconds(60),
                () -> published(realm) == components ? Optional.of(true) : Optional.empty());
        for (String id : ids) {
            String state = storedState(id);
            // on a slow machine a provider may already have moved on to its activation: one active key, at most one waiting
            assertThat(state.split("\"phase\":\"ACTIVE\"", -1)).as("active keys of " + id).hasSize(2);
            assertThat(state.split("\"phase\":\"PUBLISHED\"", -1)).as("waiting keys of " + id).hasSizeLessThanOrEqualTo(2);
            assertThat(state).as("the key that signed before the kill").contains("\"kid\":\"" + firstKid.get(id) + "\"");
        }
        assertThat(AuditLines.of(cluster.nodes, realm).stream().filter(l -> l.event().equals("PUBLISHED")).map(AuditLines.Line::component))
                .as("one publication per provider across both nodes").hasSize(components).doesNotHaveDuplicates();

        // the activations follow on the survivor, once each
        Poll.until("every successor signing", Duration.ofSeconds(60), () -> {
            List<AuditLines.Line> lines = AuditLines.of(cluster.nodes, realm);
            long successors = lines.stream().filter(l -> l.event().equals("ACTIVATED") && AuditLines.count(lines, "PUBLISHED", l.kid()) == 1).count();
            return successors >= components ? Optional.of(true) : Optional.empty();
        });

        // hold the schedule still (an admin's saves on the survivor), so the two nodes can be compared between transitions
        for (String id : ids) {
            Poll.until("the schedule held for " + id, Duration.ofSeconds(30), () -> {
                AdminApi.Response hold = admin.updateComponent(realm, id, Map.of("rotationPeriod", "1h", "retirementGrace", "1h"));
                assertThat(hold.status()).as(hold.body()).isIn(204, 400); // 400: a pass stored first; read again and retry
                return hold.status() == 204 ? Optional.of(true) : Optional.empty();
            });
        }

        // the killed node comes back on the same database and serves what the survivor serves
        killed.startAgain();
        AdminApi restarted = cluster.admins.get(victim[0]);
        try {
            Poll.until("the restarted node serving the survivor's JWKS and keys", Duration.ofSeconds(60), () ->
                    restarted.certs(realm).equals(admin.certs(realm)) && restarted.keys(realm).equals(admin.keys(realm))
                            ? Optional.of(true) : Optional.empty());
        } catch (AssertionError notYet) {
            assertThat(restarted.certs(realm)).as("the restarted node's JWKS").isEqualTo(admin.certs(realm));
            assertThat(restarted.keys(realm)).as("the restarted node's keys").isEqualTo(admin.keys(realm));
        }
        assertThat(AuditLines.of(cluster.nodes, realm).stream().filter(l -> l.event().equals("ACTIVATED")).map(AuditLines.Line::kid))
                .as("activations across both nodes, each key once").doesNotHaveDuplicates();
    }

    @Test
    void anAdminSaveRacingAScheduledPassOnTheOtherNodeLosesNoActivation() throws Exception {
        String realm = "cluster-race";
        AdminApi first = cluster.admins.get(0);
        first.createRealm(realm, "ES256", 10);
        AdminApi.Response created = first.addKeyProvider(realm, "rotating", PROVIDER, Map.of("priority", "500", "algorithm", "ES256",
                "rotationPeriod", "10s", "prePublicationLead", "4s", "retirementGrace", "30s"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.createdId();
        String before = activeKid(first, realm, id);

        // saves on both nodes, back to back, across the publication (+6 s) and the activation (+10 s)
        AtomicInteger saves = new AtomicInteger();
        List<Integer> statuses = new ArrayList<>();
        Instant end = Instant.now().plusSeconds(14);
        List<Thread> admins = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            AdminApi admin = cluster.admins.get(node);
            int priority = 600 + node;
            Thread t = new Thread(() -> {
                while (Instant.now().isBefore(end)) {
                    int status = admin.updateComponent(realm, id, Map.of("priority", String.valueOf(priority))).status();
                    synchronized (statuses) {
                        statuses.add(status);
                    }
                    saves.incrementAndGet();
                }
            });
            t.start();
            admins.add(t);
        }
        for (Thread t : admins) {
            t.join();
        }
        List<AuditLines.Line> lines = AuditLines.of(cluster.nodes, realm);
        long stale = cluster.nodes.stream().mapToLong(n -> n.log().lines()
                .filter(l -> l.contains("realm=" + realm) && l.contains("the database holds")).count()).sum();
        System.out.printf("%d admin saves raced the passes: %d accepted, %d refused; %d writes (saves or passes) were made on an older"
                + " revision than the database held and not stored%n", saves.get(), statuses.stream().filter(s -> s == 204).count(),
                statuses.stream().filter(s -> s == 400).count(), stale);

        // a save made on an older revision than the database holds is refused with 400 (compare-and-set), never a 500
        assertThat(statuses).as("saves accepted or refused as stale").containsOnly(204, 400).contains(204);
        List<String> activated = lines.stream().filter(l -> l.event().equals("ACTIVATED")).map(AuditLines.Line::kid).toList();
        // the first key, then each successor, each once (a slow machine may see a second rotation in the window)
        assertThat(activated).as("activations").hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates().startsWith(before);
        String successor = activated.get(activated.size() - 1);
        String state = storedState(id);
        assertThat(state).contains("\"kid\":\"" + successor + "\",\"alg\":\"ES256\",\"phase\":\"ACTIVE\"")
                .contains("\"kid\":\"" + activated.get(activated.size() - 2) + "\",\"alg\":\"ES256\",\"phase\":\"RETIRED\"");
        assertThat(activeKid(cluster.admins.get(1), realm, id)).isEqualTo(successor);
        first.deleteRealm(realm); // its 10 s schedule would keep the passes busy for the rest of the run
    }

    private long published(String realm) {
        return AuditLines.of(cluster.nodes, realm).stream().filter(l -> l.event().equals("PUBLISHED")).map(AuditLines.Line::component)
                .collect(Collectors.toSet()).size();
    }

    private String storedState(String componentId) {
        return cluster.database.query("SELECT value FROM component_config WHERE component_id = '" + componentId
                + "' AND name = 'jwkgate.rotation.state'").get(0);
    }

    private static String activeKid(AdminApi admin, String realm, String componentId) {
        return admin.keys(realm).stream().filter(k -> componentId.equals(k.get("providerId")) && "ACTIVE".equals(k.get("status")))
                .map(k -> (String) k.get("kid")).findFirst().orElseThrow();
    }
}
