package dev.jwkgate.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rotation's meters on a real Keycloak's management port ({@code --metrics-enabled=true}): scraped while a
 * provider rotates on a seconds schedule, and checked against what the provider itself says (its audit lines and
 * its key schedule).
 */
@ExtendWith(SharedKeycloak.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotationMetricsIT {

    private static final String REALM = "rotation-metrics";
    private static final String PROVIDER_NAME = "metrics-rotating";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");
    private static final Pattern SINCE = Pattern.compile("ACTIVE \\S+ \\S+ since ([^;\\s]+)");
    private static final Pattern NEXT = Pattern.compile("Next transition: .* at (\\S+)");

    /** The transitions of a key's life, as the audit lines and the {@code transition} label name them. */
    private enum Transition { PUBLISHED, ACTIVATED, RETIRED, REMOVED }

    private final AdminApi admin;
    private final KeycloakServer keycloak;

    RotationMetricsIT(AdminApi admin, KeycloakServer keycloak) {
        this.admin = admin;
        this.keycloak = keycloak;
    }

    @AfterAll
    void stopRotating() throws InterruptedException {
        // its pass would otherwise keep rotating every few seconds while the other test classes run; a delete that
        // meets a transition being stored fails on Keycloak's optimistic lock (500), so it is tried again
        for (int attempt = 0; attempt < 5 && !admin.deleteRealm(REALM); attempt++) {
            Thread.sleep(300);
        }
    }

    @Test
    @Order(1)
    void theScrapeCountsEveryTransitionAndShowsTheScheduleTheProviderKeeps() {
        admin.createRealm(REALM, "ES256", 10);
        AdminApi.Response created = admin.addKeyProvider(REALM, PROVIDER_NAME, "jwkgate-rotating", Map.of("priority", "500",
                "algorithm", "ES256", "rotationPeriod", "12s", "prePublicationLead", "5s", "retirementGrace", "12s"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.createdId();

        // the next planned transition on /metrics is the one the key schedule names, to the second
        long planned = Poll.until("the next-transition gauge equal to the key schedule's", Duration.ofSeconds(30), () -> {
            long scheduled = epochSeconds(NEXT, schedule(id));
            Double scraped = sample(keycloak.metrics(), "jwkgate_key_rotation_next_transition_timestamp_seconds");
            return scraped != null && scraped == scheduled && epochSeconds(NEXT, schedule(id)) == scheduled
                    ? Optional.of(scheduled) : Optional.empty();
        });
        System.out.printf("next transition: schedule and /metrics both say %s%n", Instant.ofEpochSecond(planned));

        // the active key's age is the time since the schedule says it started signing (given to the second)
        double age = Poll.until("the key age gauge matching the key schedule", Duration.ofSeconds(30), () -> {
            String before = schedule(id);
            String text = keycloak.metrics();
            Instant now = Instant.now();
            Double scraped = sample(text, "jwkgate_key_rotation_active_key_age_seconds");
            double expected = Duration.between(Instant.parse(match(SINCE, before)), now).toMillis() / 1000.0;
            System.out.printf("active key age: /metrics %s s, from the key schedule %.3f s%n", scraped, expected);
            return scraped != null && before.equals(schedule(id)) && scraped >= expected - 2 && scraped <= expected + 0.5
                    ? Optional.of(scraped) : Optional.empty();
        });
        assertThat(age).isGreaterThanOrEqualTo(0);
        assertThat(sample(keycloak.metrics(), "jwkgate_key_rotation_keys", "phase", "active")).isEqualTo(1.0);

        // a full cycle of the first key: published successor, activated, retired, removed
        Poll.until("the first key removed", Duration.ofSeconds(60),
                () -> count(transitionsLogged(id), Transition.REMOVED) >= 1 ? Optional.of(true) : Optional.empty());

        // every transition the provider stored (one audit line each) is counted once, by its type
        Map<Transition, Integer> counted = Poll.until("the counters equal to the audit lines", Duration.ofSeconds(20), () -> {
            Map<Transition, Integer> logged = transitionsLogged(id);
            Map<Transition, Integer> scraped = transitionsScraped(keycloak.metrics());
            return scraped.equals(logged) && transitionsLogged(id).equals(logged) ? Optional.of(scraped) : Optional.empty();
        });
        System.out.println("transitions on /metrics and in the audit log: " + new TreeMap<>(counted));
        assertThat(count(counted, Transition.ACTIVATED)).isGreaterThanOrEqualTo(2); // the first key, then its successor
        assertThat(count(counted, Transition.PUBLISHED)).isGreaterThanOrEqualTo(1);
        assertThat(count(counted, Transition.RETIRED)).isGreaterThanOrEqualTo(1);
        assertThat(sample(keycloak.metrics(), "jwkgate_key_rotation_pass_failures_total")).isZero();
        String scrape = keycloak.metrics();
        System.out.println("Keycloak /metrics, the rotation's series:\n" + scrape.lines()
                .filter(l -> l.startsWith("jwkgate_key_rotation_") && l.contains("realm=\"" + REALM + "\""))
                .collect(java.util.stream.Collectors.joining("\n")));
        // Keycloak's exposition names a counter's family without _total, its samples with it
        assertThat(scrape).contains("# TYPE jwkgate_key_rotation_transitions counter",
                "# TYPE jwkgate_key_rotation_next_transition_timestamp_seconds gauge",
                "# TYPE jwkgate_key_rotation_active_key_age_seconds gauge");
    }

    /**
     * The rotation row of the Grafana dashboard in {@code examples/grafana} asks only for metrics and labels this scrape
     * has (the gateways' rows are checked against their own scrape by the observability module's test).
     */
    @Test
    @Order(2)
    void theDashboardsRotationQueriesAskOnlyForSeriesKeycloakExposes() throws Exception {
        Map<String, java.util.Set<String>> scraped = new HashMap<>();
        Matcher sample = SAMPLE.matcher(keycloak.metrics());
        while (sample.find()) {
            scraped.computeIfAbsent(sample.group(1), n -> new java.util.HashSet<>()).addAll(labels(sample.group(2)).keySet());
        }
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("jwkgate.project.dir", ".."),
                "examples/grafana/jwkgate-dashboard.json"));
        Matcher expr = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dashboard);
        int checked = 0;
        while (expr.find()) {
            String query = expr.group(1).replace("\\\"", "\"");
            if (!query.contains("jwkgate_key_rotation_")) {
                continue;
            }
            checked++;
            java.util.Set<String> available = new java.util.HashSet<>();
            Matcher selector = Pattern.compile("(jwkgate_key_rotation_[a-z_]+)\\{([^}]*)}").matcher(query);
            while (selector.find()) {
                assertThat(scraped).as("metric of %s", query).containsKey(selector.group(1));
                available.addAll(scraped.get(selector.group(1)));
                Matcher label = Pattern.compile("([a-z_]+)\\s*(?:=~|!~|!=|=)").matcher(selector.group(2));
                while (label.find()) {
                    assertThat(available).as("label in %s", query).contains(label.group(1));
                }
            }
            Matcher grouping = Pattern.compile("\\bby\\s*\\(([^)]*)\\)").matcher(query);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    assertThat(available).as("grouping label in %s", query).contains(label.strip());
                }
            }
        }
        assertThat(checked).as("rotation queries in the dashboard").isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(3)
    void noSampleOfTheRotationCarriesAKid() {
        String text = keycloak.metrics();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).startsWith("jwkgate_key_rotation_")) {
                assertThat(labels(m.group(2)).keySet()).isSubsetOf("realm", "provider", "transition", "phase");
            }
        }
    }

    private String schedule(String id) {
        return ((Map<?, ?>) admin.component(REALM, id).get("config")).get("keySchedule").toString();
    }

    /** The transitions of component {@code id} by type, from its audit lines in the server log. */
    private Map<Transition, Integer> transitionsLogged(String id) {
        Map<Transition, Integer> logged = new EnumMap<>(Transition.class);
        // the first key's line is written while the component is created, before it has an id: "(new)"
        Matcher m = Pattern.compile("jwkgate-key-rotation event=(\\w+) .* realm=" + REALM + " component=(?:" + id + "|\\(new\\)) revision=")
                .matcher(keycloak.log());
        while (m.find()) {
            logged.merge(Transition.valueOf(m.group(1)), 1, Integer::sum);
        }
        return logged;
    }

    private static Map<Transition, Integer> transitionsScraped(String text) {
        Map<Transition, Integer> scraped = new EnumMap<>(Transition.class);
        for (Transition t : Transition.values()) {
            Double value = sample(text, "jwkgate_key_rotation_transitions_total", "transition", t.name().toLowerCase(java.util.Locale.ROOT));
            if (value != null) {
                scraped.put(t, value.intValue());
            }
        }
        return scraped;
    }

    private static int count(Map<Transition, Integer> counts, Transition t) {
        return counts.getOrDefault(t, 0);
    }

    /** The value of {@code name} for this test's realm and provider (and the extra label, if given), or null. */
    private static Double sample(String text, String name, String... extraLabel) {
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            Map<String, String> labels = labels(m.group(2));
            if (m.group(1).equals(name) && REALM.equals(labels.get("realm")) && PROVIDER_NAME.equals(labels.get("provider"))
                    && (extraLabel.length == 0 || extraLabel[1].equals(labels.get(extraLabel[0])))) {
                return Double.parseDouble(m.group(3));
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }

    private static long epochSeconds(Pattern pattern, String schedule) {
        return Instant.parse(match(pattern, schedule)).getEpochSecond();
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in " + text).isTrue();
        return m.group(1);
    }
}
