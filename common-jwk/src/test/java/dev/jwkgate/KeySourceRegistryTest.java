package dev.jwkgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.metrics.support.RecordingMetrics;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.SourceStatus;
import dev.jwkgate.source.local.StaticKeySetSource;
import dev.jwkgate.source.remote.RemoteKeySetSource;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.RecordingAudit;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: the right source for each configuration, one shared remote source per distinct URL and settings. */
class KeySourceRegistryTest {

    private static final String ISSUER = "https://issuer.example";

    private final TestClock clock = new TestClock();
    private final RecordingAudit audit = new RecordingAudit();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private KeySourceRegistry registry;
    private LoopbackServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.http();
        server.respond("/jwks", Response.json(TestJwks.withKids("a")).withHeader("Cache-Control", "max-age=600"));
        server.respond("/other", Response.json(TestJwks.withKids("b")).withHeader("Cache-Control", "max-age=600"));
        registry = new KeySourceRegistry(scheduler, Runnable::run, SourceSettings::parser);
    }

    @AfterEach
    void stop() {
        registry.closeAll();
        server.close();
    }

    private JwkGateConfig.Builder remote(String path) {
        return JwkGateConfig.builder().issuer(ISSUER).jwksUri(server.uri(path).toString());
    }

    @Test
    void countsARemoteSourcesFetchesUnderItsIssuer() {
        RecordingMetrics metrics = new RecordingMetrics();
        KeySourceRegistry counted = new KeySourceRegistry(new ManualScheduler(clock), Runnable::run, SourceSettings::parser,
                () -> metrics);
        try {
            counted.sourceFor(remote("/jwks").build(), clock, audit);
        } finally {
            counted.closeAll();
        }

        assertThat(metrics.issuers).containsExactly(ISSUER);
        assertThat(metrics.count("fetch_success")).isEqualTo(1);
    }

    @Test
    void sharesOneSourceBetweenEqualConfigurations() {
        KeySetSource first = registry.sourceFor(remote("/jwks").build(), clock, audit);
        KeySetSource second = registry.sourceFor(remote("/jwks").build(), clock, audit);

        assertThat(second).isSameAs(first);
        assertThat(server.hits("/jwks")).isEqualTo(1);
    }

    @Test
    void sharesOneSourceBetweenConfigurationsThatDifferOnlyInTokenRules() {
        KeySetSource first = registry.sourceFor(remote("/jwks").audiences("api-1").build(), clock, audit);
        KeySetSource second = registry.sourceFor(remote("/jwks").audiences("api-2").build(), clock, audit);

        assertThat(second).isSameAs(first);
    }

    @Test
    void keepsSeparateSourcesForDifferentUrls() {
        KeySetSource first = registry.sourceFor(remote("/jwks").build(), clock, audit);
        KeySetSource second = registry.sourceFor(remote("/other").build(), clock, audit);

        assertThat(second).isNotSameAs(first);
    }

    @Test
    void keepsSeparateSourcesForDifferentCacheSettings() {
        KeySetSource first = registry.sourceFor(remote("/jwks").build(), clock, audit);
        KeySetSource second = registry.sourceFor(remote("/jwks").set(Setting.MAX_STALE_SECONDS, 60).build(), clock, audit);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void keepsSeparateSourcesForDifferentIssuers() {
        KeySetSource first = registry.sourceFor(remote("/jwks").build(), clock, audit);
        KeySetSource second = registry.sourceFor(remote("/jwks").issuer("https://other.example").build(), clock, audit);

        assertThat(second).isNotSameAs(first);
        assertThat(second.issuer()).isEqualTo("https://other.example");
    }

    @Test
    void keepsSeparateSourcesForDifferentRequestHeaders() {
        KeySetSource first = registry.sourceFor(remote("/jwks").build(), clock, audit);
        KeySetSource second = registry.sourceFor(remote("/jwks")
                .set(Setting.JWKS_REQUEST_HEADERS, Map.of("Authorization", "Bearer x")).build(), clock, audit);

        assertThat(second).isNotSameAs(first);
    }

    @Test
    void sendsASharedSourcesEventsToTheListenerOfEveryConfigurationUsingIt() throws Exception {
        RecordingAudit other = new RecordingAudit();
        KeySetSource source = registry.sourceFor(remote("/jwks").build(), clock, audit);
        registry.sourceFor(remote("/jwks").build(), clock, other);

        source.refreshForUnknownKid("forged");

        assertThat(audit.ofType(AuditEventType.UNKNOWN_KID)).hasSize(1);
        assertThat(other.ofType(AuditEventType.UNKNOWN_KID)).hasSize(1);
    }

    @Test
    void everyConfigurationsListenerHearsTheSharedSourcesFailuresHoweverManyShareIt() {
        List<RecordingAudit> listeners = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RecordingAudit listener = new RecordingAudit();
            listeners.add(listener);
            registry.sourceFor(remote("/jwks").audiences("api-" + i).build(), clock, listener);
        }
        assertThat(registry.statuses()).hasSize(1);
        server.respond("/jwks", Response.status(500));

        clock.advance(Duration.ofSeconds(600));
        scheduler.runDue();

        assertThat(listeners).allSatisfy(listener ->
                assertThat(listener.ofType(AuditEventType.FETCH_FAILED)).isNotEmpty());
    }

    @Test
    void startsLoadingARemoteSourceAtOnce() {
        KeySetSource source = registry.sourceFor(remote("/jwks").build(), clock, audit);

        assertThat(source.health()).isEqualTo(SourceHealth.HEALTHY);
        assertThat(audit.last(AuditEventType.KEY_SET_LOADED).attribute("added")).isEqualTo(List.of("a"));
    }

    @Test
    void listsSharedSourcesWithTheirHealth() {
        registry.sourceFor(remote("/jwks").build(), clock, audit);

        List<SourceStatus> statuses = registry.statuses();

        assertThat(statuses).hasSize(1);
        assertThat(statuses.get(0).issuer()).isEqualTo(ISSUER);
        assertThat(statuses.get(0).location()).isEqualTo(server.uri("/jwks").toString());
        assertThat(statuses.get(0).health()).isEqualTo(SourceHealth.HEALTHY);
        assertThat(statuses.get(0).keyCount()).isEqualTo(1);
    }

    @Test
    void closeAllStopsSourcesAndLaterRequestsGetNewOnes() {
        KeySetSource first = registry.sourceFor(remote("/jwks").build(), clock, audit);

        registry.closeAll();

        assertThat(registry.statuses()).isEmpty();
        assertThat(registry.sourceFor(remote("/jwks").build(), clock, audit)).isNotSameAs(first);
    }

    @Test
    void closingASharedSourceRemovesItFromTheRegistry() {
        KeySetSource first = registry.sourceFor(remote("/jwks").build(), clock, audit);

        first.close();

        assertThat(registry.statuses()).isEmpty();
        assertThat(registry.sourceFor(remote("/jwks").build(), clock, audit)).isNotSameAs(first);
    }

    @Test
    void buildsADiscoverySourceForDiscoveryConfigurations() {
        server.respond("/.well-known/openid-configuration", Response.json(
                "{\"issuer\":\"" + server.base() + "\",\"jwks_uri\":\"" + server.base() + "/jwks\"}"));

        KeySetSource source = registry.sourceFor(JwkGateConfig.builder().issuer(server.base()).discovery(true).build(),
                clock, audit);

        assertThat(source).isInstanceOf(RemoteKeySetSource.class);
        assertThat(source.location()).endsWith("-> " + server.base() + "/jwks");
    }

    @Test
    void refusesPlainHttpToANonLoopbackHostAtConfigurationTime() {
        assertThatThrownBy(() -> JwkGateConfig.builder().issuer(ISSUER).jwksUri("http://keys.example.com/jwks").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plain http is only allowed for loopback hosts");
    }

    @Test
    void buildsAStaticSourceFromJwksText() throws Exception {
        KeySetSource source = registry.sourceFor(JwkGateConfig.builder().issuer(ISSUER)
                .jwks(TestJwks.withKids("a", "b")).build(), clock, audit);

        assertThat(source).isInstanceOf(StaticKeySetSource.class);
        assertThat(source.current().keyIds()).containsExactly("a", "b");
        assertThat(source.health()).isEqualTo(SourceHealth.HEALTHY);
        assertThat(source.refreshForUnknownKid("c")).isSameAs(source.current());
        assertThat(audit.last(AuditEventType.KEY_SET_LOADED).attribute("keys")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void readsAJwksFileOnceAtBuildTime() throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, TestJwks.withKids("a"), StandardCharsets.UTF_8);
        KeySetSource source = registry.sourceFor(JwkGateConfig.builder().issuer(ISSUER)
                .set(Setting.JWKS_FILE, file.toString()).build(), clock, audit);

        Files.delete(file);

        assertThat(source.current().keyIds()).containsExactly("a");
        assertThat(source.location()).isEqualTo("file:" + file);
    }

    @Test
    void refusesAJwksFileLargerThanTheCap() throws Exception {
        Path file = dir.resolve("huge.json");
        Files.writeString(file, " ".repeat(2_000) + TestJwks.withKids("a"), StandardCharsets.UTF_8);
        JwkGateConfig config = JwkGateConfig.builder().issuer(ISSUER).set(Setting.JWKS_FILE, file.toString())
                .set(Setting.MAX_JWKS_BYTES, 1_024).build();

        assertThatThrownBy(() -> registry.sourceFor(config, clock, audit))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("larger than max_jwks_bytes");
    }

    @Test
    void refusesAMissingJwksFile() {
        JwkGateConfig config = JwkGateConfig.builder().issuer(ISSUER)
                .set(Setting.JWKS_FILE, dir.resolve("absent.json").toString()).build();

        assertThatThrownBy(() -> registry.sourceFor(config, clock, audit))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jwks_file: cannot read");
    }

    @Test
    void refusesAStaticSetWithoutUsableKeys() {
        JwkGateConfig config = JwkGateConfig.builder().issuer(ISSUER).jwks("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"x\"}]}").build();

        assertThatThrownBy(() -> registry.sourceFor(config, clock, audit))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jwks: no usable key")
                .hasMessageContaining("kid x");
    }

    @Test
    void buildsAnHmacSourceFromHmacSecrets() throws Exception {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[48]);
        KeySetSource source = registry.sourceFor(JwkGateConfig.builder().issuer(ISSUER)
                .set(Setting.HMAC_SECRETS, Map.of("hmac-1", secret)).build(), clock, audit);

        assertThat(source.current().withKeyId("hmac-1").get(0).algorithms()).containsExactlyInAnyOrder("HS256", "HS384");
        assertThat(source.health()).isEqualTo(SourceHealth.HEALTHY);
        assertThat(audit.events().toString()).doesNotContain(secret);
    }

    @Test
    void neverShowsRequestHeaderValuesInEventsOrStatus() {
        server.respond("/jwks", Response.status(500));
        KeySetSource source = registry.sourceFor(remote("/jwks")
                .set(Setting.JWKS_REQUEST_HEADERS, Map.of("Authorization", "Bearer s3cret-value")).build(), clock, audit);

        assertThatThrownBy(source::current).isInstanceOf(KeysUnavailableException.class)
                .hasMessageNotContaining("s3cret-value");
        assertThat(server.requestHeaders().get(0).getFirst("Authorization")).isEqualTo("Bearer s3cret-value");
        assertThat(audit.events().toString()).doesNotContain("s3cret-value");
        assertThat(registry.statuses().toString()).doesNotContain("s3cret-value");
        assertThat(source.toString()).doesNotContain("s3cret-value");
    }
}
