package dev.jwkgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.JwkGate;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.metrics.KeySourceMetrics;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.SourceStatus;
import dev.jwkgate.token.TokenValidator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard in {@code examples/grafana} asks only for series {@link PrometheusMetrics} really exposes:
 * every metric name and label in a panel's query is checked against a scrape taken after real validations, so a
 * renamed metric or label fails here instead of leaving an empty panel. The Keycloak rotation row's queries
 * ({@code jwkgate_key_rotation_*}) are checked the same way against a real Keycloak's scrape, by the Keycloak
 * provider's {@code RotationMetricsIT}.
 */
class GrafanaDashboardTest {

    private static final String ISSUER = "https://idp.example/realms/demo";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern METRIC = Pattern.compile("\\bjwkgate_[a-z_]+");
    private static final Pattern SELECTOR = Pattern.compile("(jwkgate_[a-z_]+)\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-z_]+)\\s*(?:=~|!~|!=|=)");
    private static final String KEYCLOAK_ROTATION = "jwkgate_key_rotation_";
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|on)\\s*\\(([^)]*)\\)");

    /** Each metric in the scrape, with the label names its series carry. */
    private final Map<String, Set<String>> scraped = new HashMap<>();
    /** The gateways' panels' queries. */
    private List<String> expressions;
    private List<String> allExpressions;

    @BeforeEach
    void scrapeAfterRealValidationsAndLoadDashboard() throws Exception {
        List<SourceStatus> sources = new ArrayList<>();
        sources.add(new SourceStatus(ISSUER, ISSUER + "/protocol/openid-connect/certs", SourceHealth.HEALTHY, 2,
                NOW.minusSeconds(30), null, null));
        PrometheusMetrics metrics = new PrometheusMetrics(() -> sources, Clock.fixed(NOW, ZoneOffset.UTC));
        TokenValidator validator = JwkGate.builder(JwkGateConfig.fromMap(Map.of("issuer", ISSUER,
                "hmac_secrets", Map.of("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET)),
                "algorithms", List.of("HS256"), "token_cache_enabled", true))).metrics(metrics).build();
        String good = hs256("{\"iss\":\"" + ISSUER + "\",\"exp\":4102444800}");
        validator.validate(good);
        validator.validate(good);
        validator.validate(hs256("{\"iss\":\"" + ISSUER + "\",\"exp\":1}"));
        validator.validate("not-a-token");
        KeySourceMetrics source = metrics.keySource(ISSUER); // an HMAC configuration fetches nothing
        source.fetched(true);
        source.unknownKidRefreshed();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(out);
        Pattern series = Pattern.compile("^(jwkgate_[a-z_]+)(?:\\{([^}]*)})? ", Pattern.MULTILINE);
        Matcher line = series.matcher(out.toString(StandardCharsets.UTF_8));
        while (line.find()) {
            Set<String> labels = scraped.computeIfAbsent(line.group(1), name -> new HashSet<>());
            if (line.group(2) != null) {
                Matcher label = Pattern.compile("([a-z_]+)=\"").matcher(line.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        allExpressions = expressions(JsonUtil.parseJson(Files.readString(
                Path.of(System.getProperty("jwkgate.project.dir", ".."), "examples/grafana/jwkgate-dashboard.json"))));
        expressions = allExpressions.stream().filter(expr -> !expr.contains(KEYCLOAK_ROTATION)).toList();
    }

    @Test
    void queriesOnlyMetricsTheScrapeExposes() {
        Set<String> used = new HashSet<>();
        for (String expr : expressions) {
            Matcher name = METRIC.matcher(expr);
            while (name.find()) {
                used.add(name.group());
            }
        }
        assertThat(used).as("metrics the dashboard queries").isNotEmpty();
        assertThat(scraped.keySet()).containsAll(used);
    }

    @Test
    void showsTheMetricsTheIssueAsksFor() {
        String all = String.join("\n", expressions);
        assertThat(all).contains("jwkgate_validations_total{", "outcome=\"refused\"", "jwkgate_key_source_health{",
                "jwkgate_key_source_last_success_age_seconds{", "jwkgate_token_cache_hits_total{",
                "jwkgate_token_cache_misses_total{", "jwkgate_key_source_unknown_kid_total{",
                "histogram_quantile(0.5,", "histogram_quantile(0.99,", "jwkgate_validation_duration_seconds_bucket{",
                "jwkgate_consumer_not_found_total{");
        assertThat(String.join("\n", allExpressions)).contains("jwkgate_key_rotation_transitions_total{",
                "jwkgate_key_rotation_next_transition_timestamp_seconds{", "jwkgate_key_rotation_active_key_age_seconds{",
                "jwkgate_key_rotation_pass_failures_total{");
    }

    @Test
    void selectsAndGroupsOnlyByLabelsTheSeriesCarry() {
        for (String expr : expressions) {
            Set<String> available = new HashSet<>();
            Matcher selector = SELECTOR.matcher(expr);
            while (selector.find()) {
                Set<String> labels = scraped.getOrDefault(selector.group(1), Set.of());
                available.addAll(labels);
                Matcher label = MATCHER_LABEL.matcher(selector.group(2));
                while (label.find()) {
                    assertThat(labels).as("labels of %s in %s", selector.group(1), expr).contains(label.group(1));
                }
            }
            Matcher grouping = GROUPING.matcher(expr);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank()) {
                        assertThat(available).as("grouping label in %s", expr).contains(label.strip());
                    }
                }
            }
        }
    }

    @Test
    void takesItsDatasourceAndIssuerFromVariables() throws Exception {
        String json = Files.readString(Path.of(System.getProperty("jwkgate.project.dir", ".."),
                "examples/grafana/jwkgate-dashboard.json"));
        assertThat(json).contains("\"type\": \"datasource\"", "\"uid\": \"${datasource}\"",
                "label_values(jwkgate_validations_total, issuer)");
        assertThat(expressions).allSatisfy(expr -> assertThat(expr).contains("issuer=~\"$issuer\""));
        assertThat(allExpressions).filteredOn(expr -> expr.contains(KEYCLOAK_ROTATION)).isNotEmpty()
                .allSatisfy(expr -> assertThat(expr).contains("realm=~\"$realm\""));
        assertThat(json).contains("label_values(jwkgate_key_rotation_next_transition_timestamp_seconds, realm)");
    }

    /** The {@code expr} of every target of every panel (rows' nested panels too). */
    @SuppressWarnings("unchecked")
    private static List<String> expressions(Map<String, Object> dashboard) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> panels = new ArrayList<>((List<Map<String, Object>>) dashboard.get("panels"));
        for (int i = 0; i < panels.size(); i++) {
            Map<String, Object> panel = panels.get(i);
            if (panel.get("panels") instanceof List<?> nested) {
                panels.addAll((List<Map<String, Object>>) nested);
            }
            if (panel.get("targets") instanceof List<?> targets) {
                for (Object target : targets) {
                    found.add((String) ((Map<String, Object>) target).get("expr"));
                }
            }
        }
        return found;
    }

    private static String hs256(String payload) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
