package dev.jwkgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.JwkGate;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.metrics.KeySourceMetrics;
import dev.jwkgate.metrics.TokenCacheMetrics;
import dev.jwkgate.metrics.ValidationMetrics;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.SourceStatus;
import dev.jwkgate.token.TokenValidator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** What Prometheus reads: the scrape text after the core reported through the recorder. */
class PrometheusMetricsTest {

    private static final String ISSUER = "https://idp.example/realms/demo";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final List<SourceStatus> sources = new ArrayList<>();
    private final PrometheusMetrics metrics = new PrometheusMetrics(() -> sources, Clock.fixed(NOW, ZoneOffset.UTC));

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countsEveryVerdictOfARealValidatorByOutcomeAndReason() throws Exception {
        TokenValidator validator = JwkGate.builder(JwkGateConfig.fromMap(Map.of("issuer", ISSUER,
                "hmac_secrets", Map.of("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET)),
                "algorithms", List.of("HS256")))).metrics(metrics).build();
        String good = hs256("{\"alg\":\"HS256\",\"kid\":\"k1\"}", "{\"iss\":\"" + ISSUER + "\",\"exp\":4102444800}");
        String expired = hs256("{\"alg\":\"HS256\",\"kid\":\"k1\"}", "{\"iss\":\"" + ISSUER + "\",\"exp\":1}");

        assertThat(validator.validate(good).isValid()).isTrue();
        assertThat(validator.validate(good).isValid()).isTrue();
        assertThat(validator.validate(expired).isValid()).isFalse();
        assertThat(validator.validate("not-a-token").isValid()).isFalse();

        String text = scrape();
        assertThat(text)
                .contains("jwkgate_validations_total{issuer=\"" + ISSUER + "\",outcome=\"accepted\",reason=\"none\"} 2.0")
                .contains("jwkgate_validations_total{issuer=\"" + ISSUER + "\",outcome=\"refused\",reason=\"expired\"} 1.0")
                .contains("jwkgate_validations_total{issuer=\"" + ISSUER + "\",outcome=\"refused\",reason=\"malformed\"} 1.0")
                .contains("jwkgate_validations_total{issuer=\"" + ISSUER + "\",outcome=\"refused\",reason=\"bad_signature\"} 0.0");
    }

    @Test
    void timesFullChecksInTheLatencyHistogramButNotCacheHits() throws Exception {
        ValidationMetrics validations = metrics.validations(ISSUER);
        validations.accepted(validations.start());
        validations.refused(ReasonCode.BAD_SIGNATURE, validations.start());
        validations.acceptedFromCache();
        validations.refused(ReasonCode.MISSING_TOKEN);

        String text = scrape();
        assertThat(text).contains("# TYPE jwkgate_validation_duration_seconds histogram")
                .contains("jwkgate_validation_duration_seconds_count{issuer=\"" + ISSUER + "\"} 2")
                .contains("jwkgate_validation_duration_seconds_bucket{issuer=\"" + ISSUER + "\",le=\"+Inf\"} 2")
                .contains("jwkgate_validation_duration_seconds_bucket{issuer=\"" + ISSUER + "\",le=\"2.5E-5\"}")
                .contains("jwkgate_validations_total{issuer=\"" + ISSUER + "\",outcome=\"accepted\",reason=\"none\"} 2.0");
    }

    @Test
    void countsAMissingConsumerApartFromTheVerdicts() throws Exception {
        ValidationMetrics validations = metrics.validations(ISSUER);
        validations.accepted(validations.start());
        validations.consumerNotFound();

        assertThat(scrape()).contains("jwkgate_consumer_not_found_total{issuer=\"" + ISSUER + "\"} 1.0")
                .contains("jwkgate_validations_total{issuer=\"" + ISSUER + "\",outcome=\"accepted\",reason=\"none\"} 1.0")
                .contains("jwkgate_validations_total{issuer=\"" + ISSUER + "\",outcome=\"refused\",reason=\"unknown_consumer\"} 0.0");
    }

    @Test
    void givesOneIssuerTheSameCountersWhateverAsksForThem() throws Exception {
        metrics.validations(ISSUER).refused(ReasonCode.EXPIRED);
        metrics.validations(ISSUER).refused(ReasonCode.EXPIRED);

        assertThat(scrape()).contains("jwkgate_validations_total{issuer=\"" + ISSUER
                + "\",outcome=\"refused\",reason=\"expired\"} 2.0");
    }

    @Test
    void countsCacheHitsMissesEvictionsAndSumsTheEntriesOfTheIssuersCaches() throws Exception {
        IntSupplier first = () -> 3;
        IntSupplier second = () -> 4;
        TokenCacheMetrics cache = metrics.tokenCache(ISSUER, first);
        metrics.tokenCache(ISSUER, second);
        cache.hit();
        cache.hit();
        cache.miss();
        cache.evicted(5);

        assertThat(scrape())
                .contains("jwkgate_token_cache_hits_total{issuer=\"" + ISSUER + "\"} 2.0")
                .contains("jwkgate_token_cache_misses_total{issuer=\"" + ISSUER + "\"} 1.0")
                .contains("jwkgate_token_cache_evictions_total{issuer=\"" + ISSUER + "\"} 5.0")
                .contains("jwkgate_token_cache_entries{issuer=\"" + ISSUER + "\"} 7.0");
        assertThat(first.getAsInt() + second.getAsInt()).isEqualTo(7); // both suppliers are still held here
    }

    @Test
    void countsFetchesByResultAndUnknownKidsByWhatBecameOfThem() throws Exception {
        KeySourceMetrics source = metrics.keySource(ISSUER);
        source.fetched(true);
        source.fetched(false);
        source.fetched(false);
        source.unknownKidRefreshed();
        source.unknownKidJoinedRefresh();
        source.unknownKidThrottled();
        source.unknownKidThrottled();

        assertThat(scrape())
                .contains("jwkgate_key_source_fetches_total{issuer=\"" + ISSUER + "\",result=\"success\"} 1.0")
                .contains("jwkgate_key_source_fetches_total{issuer=\"" + ISSUER + "\",result=\"failure\"} 2.0")
                .contains("jwkgate_key_source_unknown_kid_total{issuer=\"" + ISSUER + "\",result=\"refreshed\"} 1.0")
                .contains("jwkgate_key_source_unknown_kid_total{issuer=\"" + ISSUER + "\",result=\"joined\"} 1.0")
                .contains("jwkgate_key_source_unknown_kid_total{issuer=\"" + ISSUER + "\",result=\"throttled\"} 2.0");
    }

    @Test
    void readsEachSourcesHealthKeysAndFetchAgeWhenScraped() throws Exception {
        String certs = ISSUER + "/protocol/openid-connect/certs";
        sources.add(new SourceStatus(ISSUER, certs, SourceHealth.STALE, 2, NOW.minusSeconds(90),
                NOW.minusSeconds(30), "HTTP 503"));

        String text = scrape();
        String labels = "issuer=\"" + ISSUER + "\",source=\"" + certs + "\"";
        assertThat(text)
                .contains("jwkgate_key_source_health{" + labels + ",state=\"STALE\"} 1.0")
                .contains("jwkgate_key_source_health{" + labels + ",state=\"HEALTHY\"} 0.0")
                .contains("jwkgate_key_source_health{" + labels + ",state=\"UNAVAILABLE\"} 0.0")
                .contains("jwkgate_key_source_keys{" + labels + "} 2.0")
                .contains("jwkgate_key_source_last_success_age_seconds{" + labels + "} 90.0");
    }

    @Test
    void showsNoFetchAgeForASourceNeverLoaded() throws Exception {
        sources.add(new SourceStatus(ISSUER, ISSUER + "/certs", SourceHealth.UNAVAILABLE, 0, null, null, "timeout"));

        assertThat(scrape()).doesNotContain("jwkgate_key_source_last_success_age_seconds{")
                .contains("state=\"UNAVAILABLE\"} 1.0");
    }

    @Test
    void labelsNothingWithWhatATokenCarries() throws Exception {
        TokenValidator validator = JwkGate.builder(JwkGateConfig.fromMap(Map.of("issuer", ISSUER,
                "hmac_secrets", Map.of("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET)),
                "algorithms", List.of("HS256")))).metrics(metrics).build();
        validator.validate(hs256("{\"alg\":\"HS256\",\"kid\":\"forged-kid-123\"}",
                "{\"iss\":\"https://evil.example\",\"sub\":\"mallory\",\"exp\":4102444800}"));

        assertThat(scrape()).doesNotContain("forged-kid-123").doesNotContain("evil.example").doesNotContain("mallory");
    }

    private static String hs256(String header, String payload) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
