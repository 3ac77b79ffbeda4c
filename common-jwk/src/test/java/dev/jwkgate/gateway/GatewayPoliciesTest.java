package dev.jwkgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.SourceSettings;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.Setting;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.SourceStatus;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies shared among their holders, and closed with their key sources when the last holder lets go (M3). */
class GatewayPoliciesTest {

    private static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";

    private final TestClock clock = new TestClock();
    private final ManualScheduler timer = new ManualScheduler(clock);
    private LoopbackServer server;
    private KeySourceRegistry sources;
    private GatewayPolicies policies;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.http();
        server.respond("/jwks", Response.json(TestJwks.withKids("a")).withHeader("Cache-Control", "max-age=600"));
        sources = new KeySourceRegistry(timer, Runnable::run, SourceSettings::parser);
        policies = new GatewayPolicies(sources);
    }

    @AfterEach
    void stop() {
        sources.closeAll();
        server.close();
    }

    private static Map<String, Object> settings(String audience) {
        return Map.of("issuer", "https://idp.example", "jwks", JWKS, "audiences", List.of(audience));
    }

    /** A remote source per issuer: each issuer is its own source, as after an edit of a route's issuer. */
    private Map<String, Object> remote(String issuer, String audience) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("issuer", issuer);
        settings.put("jwks_uri", server.uri("/jwks").toString());
        settings.put("audiences", List.of(audience));
        return settings;
    }

    @Test
    void equalSettingsShareOnePolicy() {
        try (PolicyLease first = policies.acquire(settings("a")); PolicyLease second = policies.acquire(settings("a"))) {
            assertThat(second.policy()).isSameAs(first.policy());
            assertThat(policies.size()).isEqualTo(1);
        }
    }

    @Test
    void differentSettingsGetTheirOwnPolicy() {
        try (PolicyLease a = policies.acquire(settings("a")); PolicyLease b = policies.acquire(settings("b"))) {
            assertThat(a.policy()).isNotSameAs(b.policy());
        }
    }

    @Test
    void aPolicyStaysWhileAnyHolderUsesIt() throws KeysUnavailableException {
        PolicyLease first = policies.acquire(remote("https://idp.example", "a"));
        PolicyLease second = policies.acquire(remote("https://idp.example", "a"));

        first.close();

        assertThat(policies.size()).isEqualTo(1);
        assertThat(second.policy().validator().keySource().current().size()).isEqualTo(1);
        assertThat(sources.statuses()).hasSize(1);
        second.close();
    }

    @Test
    void acquiringAPolicyFetchesItsKeySetBeforeAnyToken() {
        try (PolicyLease lease = policies.acquire(remote("https://idp.example", "a"))) {
            assertThat(server.hits("/jwks")).isEqualTo(1);
            assertThat(sources.statuses()).singleElement().extracting(SourceStatus::keyCount).isEqualTo(1);
        }
    }

    /**
     * As a gateway prepares a route (Kong StartInstance, APISIX PrepareConf), on the JVM-wide fetch threads: the
     * key set is requested at once, and acquire returns while the key server still holds its answer.
     */
    @Test
    void acquiringAPolicyStartsTheFetchInTheBackgroundWithoutWaitingForIt() throws Exception {
        server.respond("/slow", Response.json(TestJwks.withKids("a")).withDelay(Duration.ofMinutes(1)));
        KeySourceRegistry jvmWide = new KeySourceRegistry();
        Map<String, Object> settings = remote("https://idp.example", "a");
        settings.put("jwks_uri", server.uri("/slow").toString());
        try (PolicyLease lease = new GatewayPolicies(jvmWide).acquire(settings)) {
            SourceStatus loading = jvmWide.statuses().get(0);
            assertThat(loading.loadedAt()).as("no key set loaded yet").isNull();
            assertThat(loading.lastFailure()).as("and no fetch given up on").isNull();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.hits("/slow") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.hits("/slow")).as("key set requested before any token").isEqualTo(1);
        } finally {
            jvmWide.closeAll();
        }
    }

    @Test
    void theLastHolderLettingGoClosesThePolicyAndItsKeySource() {
        PolicyLease lease = policies.acquire(remote("https://idp.example", "a"));

        lease.close();
        lease.close();

        assertThat(policies.size()).isZero();
        assertThat(sources.statuses()).isEmpty();
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aPolicyInUseKeepsItsKeySourceWhileOtherVersionsOfTheRouteComeAndGo() {
        PolicyLease inUse = policies.acquire(remote("https://idp.example", "v0"));
        for (int version = 1; version <= 50; version++) {
            policies.acquire(remote("https://idp.example", "v" + version)).close();
        }

        assertThat(inUse.policy().validator().keySource().health()).isEqualTo(SourceHealth.HEALTHY);
        assertThat(sources.statuses()).hasSize(1);
        assertThat(server.hits("/jwks")).isEqualTo(1);
        inUse.close();
    }

    @Test
    void reconfiguringARouteLeavesOneLiveSourceAndOneScheduledRefresh() {
        PolicyLease current = policies.acquire(remote("https://idp.example/0", "api"));
        for (int version = 1; version <= 200; version++) {
            PolicyLease next = policies.acquire(remote("https://idp.example/" + version, "api"));
            current.close(); // as Kong does: the new instance starts, then the old one is closed
            current = next;
        }

        assertThat(policies.size()).isEqualTo(1);
        assertThat(sources.statuses()).hasSize(1);
        assertThat(timer.pending()).isEqualTo(1);
        current.close();
        assertThat(sources.statuses()).isEmpty();
        assertThat(timer.pending()).isZero();
    }

    /**
     * On the JVM-wide daemon threads, as in a gateway: each version of the route names another key source. The
     * refresh timer and the fetch pool are shared and stay small; each source's HTTP client has a selector
     * thread that ends once nothing references the client, which after the release nothing does.
     */
    @Test
    void reconfiguringAThousandTimesLeavesOneLiveSourceAndABoundedNumberOfThreads() throws Exception {
        KeySourceRegistry jvmWide = new KeySourceRegistry();
        GatewayPolicies onSharedThreads = new GatewayPolicies(jvmWide);
        long before = sourceThreads();
        PolicyLease current = null;
        try {
            for (int version = 0; version < 1_000; version++) {
                Map<String, Object> settings = remote("https://idp.example/" + version, "api");
                settings.put("first_load_wait_ms", 30_000); // a generous bound on a shared, loaded machine
                PolicyLease next = onSharedThreads.acquire(settings);
                next.policy().validator().keySource().current(); // waits for the first load
                if (current != null) {
                    current.close();
                }
                current = next;
            }
            assertThat(jvmWide.statuses()).hasSize(1);
            assertThat(onSharedThreads.size()).isEqualTo(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sourceThreads() - before > 16 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(200);
            }
            assertThat(sourceThreads() - before).as("threads added by 1,000 key sources").isLessThanOrEqualTo(16);
        } finally {
            if (current != null) {
                current.close();
            }
            jvmWide.closeAll();
        }
        assertThat(jvmWide.statuses()).isEmpty();
    }

    @Test
    void aConfigurationRefusedByTheGatewayChecksLeavesNoKeySourceBehind() {
        Map<String, Object> settings = remote("https://idp.example", "a");
        settings.put("forward_claims", Map.of("sub", "X-User", "email", "x_user"));

        assertThatThrownBy(() -> policies.acquire(settings)).isInstanceOf(ConfigException.class);
        assertThat(sources.statuses()).isEmpty();
        assertThat(policies.size()).isZero();
    }

    @Test
    void usesTheGatewayProfileSoTheTokenCacheIsOn() {
        try (PolicyLease lease = policies.acquire(settings("a"))) {
            assertThat(lease.policy().config().bool(Setting.TOKEN_CACHE_ENABLED)).isTrue();
        }
    }

    @Test
    void refusesBadSettingsNamingThem() {
        assertThatThrownBy(() -> policies.acquire(Map.of("issuer", "x", "jwks", JWKS, "bogus", 1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bogus: unknown setting");
    }

    /** jwkgate's refresh timer and fetch pool, and the JDK HTTP clients' selector and worker threads. */
    private static long sourceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("jwkgate-jwks") || t.getName().startsWith("HttpClient-")))
                .count();
    }

    @Test
    void aRouteWithAdditionalIssuersHoldsOneKeySourcePerIssuerAndReleasesThemAll() {
        server.respond("/jwks-b", Response.json(TestJwks.withKids("b")).withHeader("Cache-Control", "max-age=600"));
        Map<String, Object> settings = remote("https://idp.example/a", "api");
        settings.put("additional_issuers", Map.of("https://idp.example/b", server.uri("/jwks-b").toString()));
        PolicyLease lease = policies.acquire(settings);

        assertThat(sources.statuses()).hasSize(2);
        assertThat(server.hits("/jwks")).isEqualTo(1);
        assertThat(server.hits("/jwks-b")).isEqualTo(1);

        lease.close();
        assertThat(sources.statuses()).isEmpty();
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aTokenOfAnIssuerTheRouteDoesNotTrustIsAnswered401UnknownIssuer() {
        Map<String, Object> settings = remote("https://idp.example/a", "api");
        settings.put("additional_issuers", Map.of("https://idp.example/b", server.uri("/jwks").toString()));
        String token = b64("{\"alg\":\"ES256\",\"kid\":\"a\"}") + "." + b64("{\"iss\":\"https://idp.example/c\"}")
                + "." + b64("sig");
        try (PolicyLease lease = policies.acquire(settings)) {
            GatewayDecision d = lease.policy().decide(new FakeRequest().header("Authorization", "Bearer " + token));
            assertThat(d.rejection().status()).isEqualTo(401);
            assertThat(d.rejection().body()).contains("\"reason\":\"unknown_issuer\"");
        }
    }

    private static String b64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
