package dev.jwkgate.demo.front;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's front with the real deployables behind it (the APISIX runner jar, the Kong plugin server through
 * its launcher): a client gets exactly what the plugin answered, and the plugin gets the request as sent.
 * Keys come from a static JWKS, so no Keycloak is needed.
 */
class GatewayFrontsIT {

    private static final String ISSUER = "https://issuer.demo.test";
    private static final String REALM = "orders-api";

    private static EllipticCurveJsonWebKey key;
    private static HttpFront front;
    private static List<GatewayFront> gateways;

    @BeforeAll
    static void start() throws Exception {
        key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId("front-it");
        String jwks = "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        Map<String, Policy> routes = Map.of("orders", Policy.discovering(ISSUER).set("discovery", false)
                .set("jwks", jwks).set("realm", REALM).set("forward_claims", Map.of("sub", "X-User-Id"))
                .set("token_query_params", List.of("access_token")).set("token_cookies", List.of("jwt")));
        Properties paths = new Properties();
        try (InputStream in = GatewayFrontsIT.class.getResourceAsStream("/jwkgate-demo.properties")) {
            paths.load(in);
        }
        Path logs = Path.of(paths.getProperty("work.dir"), "it-logs");
        gateways = List.of(
                ApisixRunnerFront.start(Path.of(paths.getProperty("runner.jar")), routes, logs.resolve("apisix-runner.log")),
                KongPluginServerFront.start(Path.of(paths.getProperty("kong.launcher")),
                        Path.of(paths.getProperty("kong.jar")), routes, logs.resolve("kong-plugin-server.log")));
        front = HttpFront.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), gateways);
    }

    @AfterAll
    static void stop() {
        if (front != null) {
            front.close();
        }
        if (gateways != null) {
            gateways.forEach(GatewayFront::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void refusesTwoAuthorizationHeadersAsMalformedWithThePluginsOwnAnswer(String gateway) throws Exception {
        String token = token("alice");
        RawHttp.Reply reply = RawHttp.get(front.port(), "/" + gateway + "/orders",
                "Authorization: Bearer " + token, "Authorization: Bearer " + token);

        HttpRejection expected = HttpRejection.of(ReasonCode.MALFORMED, REALM);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).containsExactly(expected.wwwAuthenticate())
                .containsExactly("Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
        assertThat(reply.header("Content-Type")).containsExactly(expected.contentType());
        assertThat(reply.body()).isEqualTo(expected.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void letsAValidTokenThroughToTheUpstreamWithItsSubjectForwarded(String gateway) throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/" + gateway + "/orders", "Authorization: Bearer " + token("alice"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(upstreamHeaders(reply)).containsEntry("x-user-id", "alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void neverForwardsAClientSentCopyOfAClaimHeader(String gateway) throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/" + gateway + "/orders",
                "X-User-Id: admin", "Authorization: Bearer " + token("alice"), "X-User-Id: root");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(upstreamHeaders(reply)).containsEntry("x-user-id", "alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void findsTheTokenInTheQueryString(String gateway) throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/" + gateway + "/orders?page=2&access_token=" + token("bob"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(upstreamHeaders(reply)).containsEntry("x-user-id", "bob");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void findsTheTokenInACookie(String gateway) throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/" + gateway + "/orders", "Cookie: theme=dark; jwt=" + token("carol"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(upstreamHeaders(reply)).containsEntry("x-user-id", "carol");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void refusesARequestWithoutATokenWithTheChallengeAndNoError(String gateway) throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/" + gateway + "/orders");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).containsExactly(
                HttpRejection.of(ReasonCode.MISSING_TOKEN, REALM).wwwAuthenticate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void answersOversizedHeadersWith431(String gateway) throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/" + gateway + "/orders",
                "Authorization: Bearer " + token("alice"), "X-Padding: " + "p".repeat(HttpFront.MAX_HEAD_BYTES));

        assertThat(reply.status()).isEqualTo(431);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> upstreamHeaders(RawHttp.Reply reply) throws Exception {
        return (Map<String, Object>) JsonUtil.parseJson(reply.body()).get("upstream_headers");
    }

    private static String token(String subject) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 300));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return jws.getCompactSerialization();
    }
}
