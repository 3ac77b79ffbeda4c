package dev.jwkgate.token;

import dev.jwkgate.SourceSettings;
import dev.jwkgate.token.support.Jws;
import dev.jwkgate.token.support.RecordingAudit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.remote.RemoteKeySetSource;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys that change between fetches of a real loopback JWKS endpoint, seen through the validator: a key added is
 * found by the unknown-kid refresh, a key removed stops verifying once the set is refreshed, and a kid reused for
 * new key material never verifies a token of the old material.
 */
class KeyRotationThroughTheValidatorTest {

    private static final String ISSUER = "https://issuer.example";

    private final TestClock clock = new TestClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingAudit audit = new RecordingAudit();
    private LoopbackServer server;
    private RemoteKeySetSource source;
    private TokenValidator validator;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.http();
        JwkGateConfig config = JwkGateConfig.builder().issuer(ISSUER).jwksUri(server.uri("/jwks").toString()).build();
        source = SourceSettings.remoteSource(config, SourceSettings.parser(config), clock)
                .scheduler(scheduler).fetchExecutor(Runnable::run).jitter(() -> 0.5).build();
        validator = JwsTokenValidator.create(config, source, clock, audit);
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    private void publish(Object... keys) {
        server.respond("/jwks", Response.json(TestJwks.of(keys)).withHeader("Cache-Control", "max-age=60"));
    }

    private void scheduledRefresh() {
        clock.advance(Duration.ofSeconds(48));
        scheduler.runDue();
    }

    private String token(String kid, PrivateKey signer) {
        long now = clock.instant().getEpochSecond();
        return Jws.header("ES256", kid).claim("iss", ISSUER).claim("sub", "alice").claim("iat", now)
                .claim("exp", now + 300).signedWith(signer);
    }

    private static PrivateKey privateKeyOf(String kid) {
        return TestJwks.pair(kid).getPrivate();
    }

    @Test
    void acceptsATokenOfAKeyPublishedAfterTheLastFetch() {
        publish(TestJwks.publicJwk("a"));
        assertThat(validator.validate(token("a", privateKeyOf("a"))).isValid()).isTrue();
        publish(TestJwks.publicJwk("a"), TestJwks.publicJwk("b"));

        ValidationResult result = validator.validate(token("b", privateKeyOf("b")));

        assertThat(result.isValid()).as("%s", result).isTrue();
        assertThat(server.hits("/jwks")).isEqualTo(2);
    }

    @Test
    void refusesATokenOfAKeyRemovedOnceTheSetIsRefreshed() {
        publish(TestJwks.publicJwk("a"));
        String signedByA = token("a", privateKeyOf("a"));
        assertThat(validator.validate(signedByA).isValid()).isTrue();
        publish(TestJwks.publicJwk("b"));

        scheduledRefresh();

        assertThat(validator.validate(signedByA).reason()).isEqualTo(ReasonCode.UNKNOWN_KEY);
        assertThat(validator.validate(token("b", privateKeyOf("b"))).isValid()).isTrue();
    }

    @Test
    void neverVerifiesTheOldMaterialOfAKidReusedForANewKey() {
        publish(TestJwks.publicJwk("a"));
        String oldToken = token("a", privateKeyOf("a"));
        assertThat(validator.validate(oldToken).isValid()).isTrue();
        Map<String, Object> newMaterial = new LinkedHashMap<>(TestJwks.publicJwk("a-next"));
        newMaterial.put("kid", "a");
        publish(newMaterial);

        scheduledRefresh();

        assertThat(validator.validate(oldToken).reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
        assertThat(validator.validate(token("a", privateKeyOf("a-next"))).isValid()).isTrue();
    }

    @Test
    void keepsAcceptingTokensOfAKeyStillPublishedWhenTheEndpointFailsAtTheRefresh() {
        publish(TestJwks.publicJwk("a"));
        String signedByA = token("a", privateKeyOf("a"));
        assertThat(validator.validate(signedByA).isValid()).isTrue();
        server.respond("/jwks", Response.status(500));

        scheduledRefresh();

        assertThat(validator.validate(signedByA).isValid()).isTrue();
        assertThat(server.hits("/jwks")).isEqualTo(2);
    }
}
