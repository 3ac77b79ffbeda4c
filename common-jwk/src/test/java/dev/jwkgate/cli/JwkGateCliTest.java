package dev.jwkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.support.RfcVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a JWKS served on loopback and from files, as a user runs it before deploying. */
class JwkGateCliTest {

    private static final String ISSUER = "https://idp.example/realms/cli";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicReference<String> served = new AtomicReference<>();
    private HttpServer server;
    private KeyPair keys;
    private String jwks;

    @TempDir
    Path dir;

    @BeforeEach
    void startJwksServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) keys.getPublic());
        jwk.setKeyId("cli-1");
        jwks = "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        served.set(jwks);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/certs", exchange -> {
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
    }

    private int run(String... args) {
        return new JwkGateCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String token(String kid, long expiresInSeconds) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience("orders-api");
        claims.setSubject("alice");
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + expiresInSeconds));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void inspectListsEveryKeyOfALoopbackSetWithItsThumbprint() {
        assertThat(run("inspect", url())).isEqualTo(0);
        assertThat(output()).contains("OK      kid=cli-1 kty=RSA").contains("thumbprint=").contains("1 usable, 0 refused");
    }

    @Test
    void inspectOfTheShippedSampleAcceptsGoodKeysAndNamesTheBadOnes() {
        assertThat(run("inspect", Path.of(System.getProperty("jwkgate.project.dir"), "examples", "jwks.json").toString()))
                .isEqualTo(0);
        assertThat(output()).contains("3 usable, 2 refused")
                .contains("REFUSED kid=legacy-rsa-1024").contains("REFUSED kid=encryption-key");
    }

    @Test
    void inspectStrictFailsWhenAnyKeyIsRefused() {
        assertThat(run("inspect", Path.of(System.getProperty("jwkgate.project.dir"), "examples", "jwks.json").toString(),
                "--strict")).isEqualTo(1);
    }

    @Test
    void inspectReportsPrivateKeyMaterialAsALeak() throws Exception {
        RsaJsonWebKey privateJwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) keys.getPublic());
        privateJwk.setPrivateKey(keys.getPrivate());
        privateJwk.setKeyId("leaked");
        served.set("{\"keys\":[" + privateJwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE) + "]}");
        assertThat(run("inspect", url())).isEqualTo(1);
        assertThat(output()).contains("REFUSED kid=leaked").contains("LEAK").contains("0 usable, 1 refused");
    }

    @Test
    void inspectOfAnUnreachableUrlIsAnIoError() {
        server.stop(0);
        assertThat(run("inspect", url())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot fetch");
    }

    @Test
    void verifyAcceptsAValidTokenAgainstALoopbackSet() throws Exception {
        assertThat(run("verify", "--token", token("cli-1", 300), "--jwks", url(), "--issuer", ISSUER,
                "--audience", "orders-api")).isEqualTo(0);
        assertThat(output()).startsWith("VALID kid=cli-1 alg=RS256").contains("\"sub\":\"alice\"");
    }

    @Test
    void verifyReadsTheTokenFromAFile() throws Exception {
        Path file = dir.resolve("token.txt");
        Files.writeString(file, token("cli-1", 300) + "\n");
        assertThat(run("verify", "--token", "@" + file, "--jwks", url(), "--issuer", ISSUER)).isEqualTo(0);
    }

    @Test
    void verifyRefusesAWrongAudienceWithItsReasonCode() throws Exception {
        assertThat(run("verify", "--token", token("cli-1", 300), "--jwks", url(), "--issuer", ISSUER,
                "--audience", "billing-api")).isEqualTo(1);
        assertThat(output()).startsWith("REFUSED wrong_audience");
    }

    @Test
    void verifyRefusesAnExpiredToken() throws Exception {
        assertThat(run("verify", "--token", token("cli-1", -3600), "--jwks", url(), "--issuer", ISSUER))
                .isEqualTo(1);
        assertThat(output()).startsWith("REFUSED expired");
    }

    @Test
    void verifyRefusesATamperedSignature() throws Exception {
        String token = token("cli-1", 300);
        char last = token.charAt(token.length() - 10);
        String tampered = token.substring(0, token.length() - 10) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 9);
        assertThat(run("verify", "--token", tampered, "--jwks", url(), "--issuer", ISSUER)).isEqualTo(1);
        assertThat(output()).startsWith("REFUSED bad_signature");
    }

    @Test
    void verifyAcceptsSettingsByTheirCoreNames() throws Exception {
        assertThat(run("verify", "--token", token("cli-1", 300), "--jwks", url(), "--issuer", ISSUER,
                "--setting", "required_claims=sub,azp")).isEqualTo(1);
        assertThat(output()).startsWith("REFUSED missing_claim");
    }

    @Test
    void verifyNamesAnUnknownSetting() throws Exception {
        assertThat(run("verify", "--token", token("cli-1", 300), "--jwks", url(), "--issuer", ISSUER,
                "--setting", "audience=x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("audience: unknown setting");
    }

    @Test
    void thumbprintMatchesTheRfc7638Example() throws Exception {
        Path vector = Files.writeString(dir.resolve("rfc7638_3.1.jwk"), RfcVectors.read("latchset/rfc7638_3.1.jwk"));
        assertThat(run("thumbprint", vector.toString())).isEqualTo(0);
        assertThat(output().strip()).isEqualTo(RfcVectors.read("latchset/rfc7638_3.1.thp").strip());
    }

    @Test
    void verifyReadsTheTokenFromStandardInput() throws Exception {
        ByteArrayInputStream stdin = new ByteArrayInputStream((token("cli-1", 300) + "\n").getBytes(StandardCharsets.UTF_8));
        int exit = new JwkGateCli(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[]{"verify", "--token", "-", "--jwks", url(),
                "--issuer", ISSUER});

        assertThat(exit).as(output() + errors()).isEqualTo(0);
        assertThat(output()).startsWith("VALID kid=cli-1");
        assertThat(errors()).doesNotContain("warning");
    }

    @Test
    void verifyWarnsThatATokenOnTheCommandLineIsVisibleInTheProcessList() throws Exception {
        assertThat(run("verify", "--token", token("cli-1", 300), "--jwks", url(), "--issuer", ISSUER)).isEqualTo(0);

        assertThat(errors()).contains("warning: a token on the command line is visible to every local user in the "
                + "process list (ps)").contains("--token @<file> or --token -");
    }

    @Test
    void verifyGivesNoWarningForATokenFile() throws Exception {
        Path file = Files.writeString(dir.resolve("token.txt"), token("cli-1", 300));

        assertThat(run("verify", "--token", "@" + file, "--jwks", url(), "--issuer", ISSUER)).isEqualTo(0);
        assertThat(errors()).isEmpty();
    }

    @Test
    void verifyPrintsNoAuditLinesUnlessVerbose() throws Exception {
        Path file = Files.writeString(dir.resolve("token.txt"), token("cli-1", 300));

        assertThat(run("verify", "--token", "@" + file, "--jwks", url(), "--issuer", ISSUER)).isEqualTo(0);
        assertThat(errors()).doesNotContain("KEY_SET_LOADED");
        assertThat(run("verify", "--verbose", "--token", "@" + file, "--jwks", url(), "--issuer", ISSUER)).isEqualTo(0);
        assertThat(errors()).contains("audit: KEY_SET_LOADED").doesNotContain(Files.readString(file));
    }

    @Test
    void aMissingJwksFileIsNamedWithoutAStackTrace() {
        String missing = dir.resolve("missing.json").toString();

        assertThat(run("inspect", missing)).isEqualTo(2);
        assertThat(errors().strip()).isEqualTo("cannot read the JWKS file " + missing + ": no such file");
    }

    @Test
    void aMissingJwksFileForVerifyIsNamedWithoutAStackTrace() throws Exception {
        String missing = dir.resolve("missing.json").toString();
        Path token = Files.writeString(dir.resolve("token.txt"), token("cli-1", 300));

        assertThat(run("verify", "--token", "@" + token, "--jwks", missing, "--issuer", ISSUER)).isEqualTo(2);
        assertThat(errors().strip()).isEqualTo("cannot read the JWKS file " + missing + ": no such file");
    }

    @Test
    void aMissingTokenFileIsNamedWithoutAStackTrace() {
        String missing = dir.resolve("missing.txt").toString();

        assertThat(run("verify", "--token", "@" + missing, "--jwks", url(), "--issuer", ISSUER)).isEqualTo(2);
        assertThat(errors().strip()).isEqualTo("cannot read the token file " + missing + ": no such file");
    }

    @Test
    void aMissingJwkFileIsNamedWithoutAStackTrace() {
        String missing = dir.resolve("missing.jwk").toString();

        assertThat(run("thumbprint", missing)).isEqualTo(2);
        assertThat(errors().strip()).isEqualTo("cannot read the JWK file " + missing + ": no such file");
    }

    @Test
    void aDirectoryGivenAsAFileIsNamedAsSuch() {
        assertThat(run("thumbprint", dir.toString())).isEqualTo(2);
        assertThat(errors().strip()).isEqualTo("cannot read the JWK file " + dir + ": it is a directory");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
    }
}
