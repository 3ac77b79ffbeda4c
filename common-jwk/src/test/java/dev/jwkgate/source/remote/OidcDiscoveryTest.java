package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.SourceSettings;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OIDC discovery in front of a remote JWKS: exact issuer, checked jwks_uri, re-discovery. */
class OidcDiscoveryTest {

    private static final String WELL_KNOWN = "/realms/demo/.well-known/openid-configuration";

    private final TestClock clock = new TestClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private LoopbackServer server;
    private RemoteKeySetSource source;
    private String issuer;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.http();
        issuer = server.base() + "/realms/demo";
        server.respond("/jwks", Response.json(TestJwks.withKids("a")).withHeader("Cache-Control", "max-age=600"));
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    private void document(Map<String, Object> members) {
        server.respond(WELL_KNOWN, Response.json(JsonUtil.toJson(members)));
    }

    private RemoteKeySetSource source(String configuredIssuer, UnaryOperator<JwkGateConfig.Builder> settings) {
        JwkGateConfig config = settings.apply(JwkGateConfig.builder().issuer(configuredIssuer).discovery(true)).build();
        source = SourceSettings.remoteSource(config, SourceSettings.parser(config), clock)
                .scheduler(scheduler).fetchExecutor(Runnable::run).jitter(() -> 0.5).build();
        return source;
    }

    @Test
    void findsTheJwksThroughTheDiscoveryDocument() throws Exception {
        document(Map.of("issuer", issuer, "jwks_uri", server.base() + "/jwks"));

        RemoteKeySetSource source = source(issuer, b -> b);

        assertThat(source.current().keyIds()).containsExactly("a");
        assertThat(source.location()).isEqualTo(server.base() + WELL_KNOWN + " -> " + server.base() + "/jwks");
    }

    @Test
    void appendsTheWellKnownPathAfterStrippingOneTrailingSlash() {
        assertThat(OidcDiscoveryLoader.discoveryUri("https://id.example/realms/demo/"))
                .isEqualTo(URI.create("https://id.example/realms/demo/.well-known/openid-configuration"));
        assertThat(OidcDiscoveryLoader.discoveryUri("https://id.example"))
                .isEqualTo(URI.create("https://id.example/.well-known/openid-configuration"));
    }

    @Test
    void acceptsAnIssuerWithTrailingSlashWhenTheDocumentSaysTheSame() throws Exception {
        document(Map.of("issuer", issuer + "/", "jwks_uri", server.base() + "/jwks"));

        assertThat(source(issuer + "/", b -> b).current().keyIds()).containsExactly("a");
    }

    @Test
    void refusesADocumentNamingAnotherIssuer() {
        document(Map.of("issuer", server.base() + "/realms/other", "jwks_uri", server.base() + "/jwks"));

        assertThatThrownBy(source(issuer, b -> b)::current)
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("does not equal the configured issuer");
        assertThat(server.hits("/jwks")).isZero();
    }

    @Test
    void escapesTheIssuerOfADocumentNamingAnotherIssuerInItsMessage() {
        document(Map.of("issuer", "https://evil.example\n\u2028INFO keys loaded\u0085\u202etxt.exe",
                "jwks_uri", server.base() + "/jwks"));

        assertThatThrownBy(source(issuer, b -> b)::current)
                .hasMessageContaining("issuer 'https://evil.example\\u000a\\u2028INFO keys loaded\\u0085\\u202etxt.exe'")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u2028").hasMessageNotContaining("\u0085")
                .hasMessageNotContaining("\u202e");
    }

    @Test
    void refusesADiscoveryDocumentWithATrailingComma() {
        server.respond(WELL_KNOWN, Response.json("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + server.base()
                + "/jwks\",}"));

        assertThatThrownBy(source(issuer, b -> b)::current).hasMessageContaining("discovery document: not a JSON object");
        assertThat(server.hits("/jwks")).isZero();
    }

    @Test
    void comparesTheIssuerByteForByte() {
        document(Map.of("issuer", issuer + "/", "jwks_uri", server.base() + "/jwks"));

        assertThatThrownBy(source(issuer, b -> b)::current).hasMessageContaining("does not equal the configured issuer");
    }

    @Test
    void refusesAPlainHttpJwksUriToAnotherHost() {
        document(Map.of("issuer", issuer, "jwks_uri", "http://keys.example.com/jwks"));

        assertThatThrownBy(source(issuer, b -> b)::current)
                .hasMessageContaining("jwks_uri: plain http is only allowed for loopback hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.attacker.example/jwks", "http://127.0.0.1.nip.io/jwks",
            "http://localhost.attacker.example/jwks", "http://localhost./jwks"})
    void refusesAPlainHttpJwksUriToAHostThatOnlyLooksLikeLoopback(String jwksUri) {
        document(Map.of("issuer", issuer, "jwks_uri", jwksUri));

        assertThatThrownBy(source(issuer, b -> b)::current)
                .hasMessageContaining("discovery document: jwks_uri: plain http is only allowed for loopback hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "LocalHost", "[::ffff:127.0.0.1]"}) // the server listens on 127.0.0.1
    void followsAPlainHttpJwksUriToAGenuineLoopbackSpelling(String host) throws Exception {
        String jwksUri = "http://" + host + ":" + URI.create(server.base()).getPort() + "/jwks";
        document(Map.of("issuer", issuer, "jwks_uri", jwksUri));

        RemoteKeySetSource source = source(issuer, b -> b);

        assertThat(source.current().keyIds()).containsExactly("a");
    }

    @Test
    void refusesADocumentWithoutJwksUri() {
        document(Map.of("issuer", issuer));

        assertThatThrownBy(source(issuer, b -> b)::current).hasMessageContaining("jwks_uri missing");
    }

    @Test
    void refusesADiscoveryDocumentThatIsNotAnObject() {
        server.respond(WELL_KNOWN, Response.json("[1, 2]"));

        assertThatThrownBy(source(issuer, b -> b)::current).hasMessageContaining("not a JSON object");
    }

    @Test
    void rediscoversWhenTheJwksUriStopsWorking() throws Exception {
        document(Map.of("issuer", issuer, "jwks_uri", server.base() + "/jwks"));
        RemoteKeySetSource source = source(issuer, b -> b);
        source.current();
        server.respond("/jwks", Response.status(404));
        server.respond("/moved", Response.json(TestJwks.withKids("b")).withHeader("Cache-Control", "max-age=600"));
        document(Map.of("issuer", issuer, "jwks_uri", server.base() + "/moved"));

        clock.advance(Duration.ofSeconds(480));
        scheduler.runDue(); // fails on the old jwks_uri
        clock.advance(Duration.ofSeconds(30));
        scheduler.runDue(); // discovers the new one

        assertThat(source.current().keyIds()).containsExactly("b");
        assertThat(source.health()).isEqualTo(SourceHealth.HEALTHY);
        assertThat(server.hits(WELL_KNOWN)).isEqualTo(2);
    }

    @Test
    void keepsUsingTheKnownJwksUriWhenRediscoveryFails() throws Exception {
        document(Map.of("issuer", issuer, "jwks_uri", server.base() + "/jwks"));
        RemoteKeySetSource source = source(issuer, b -> b.set(Setting.CACHE_MAX_TTL_SECONDS, 600)
                .set(Setting.CACHE_DEFAULT_TTL_SECONDS, 600));
        source.current();
        server.respond(WELL_KNOWN, Response.status(500));

        clock.advance(Duration.ofSeconds(600)); // the rediscovery interval (cache_max_ttl_seconds) is over
        scheduler.runDue();

        assertThat(server.hits(WELL_KNOWN)).isEqualTo(2);
        assertThat(server.hits("/jwks")).isEqualTo(2);
        assertThat(source.health()).isEqualTo(SourceHealth.HEALTHY);
    }
}
