package dev.jwkgate.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact-value leak scan finds what pattern scans cannot, and never repeats a secret in its findings. */
class LeakScanTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9."
            + "Qm9ndXMgc2lnbmF0dXJlIGJ5dGVzIG9mIGEgdGVzdCB0b2tlbiwgbm90IGEgcmVhbCBvbmU";
    private static final String SIGNATURE = TOKEN.substring(TOKEN.lastIndexOf('.') + 1);

    private static LeakScan scanOf(Map<String, String> issued) {
        return new LeakScan(issued);
    }

    @Test
    void findsATokensSignatureLoggedWithoutTheRestOfTheToken() {
        LeakScan scan = scanOf(Map.of(SIGNATURE, "token signature"));

        assertThat(scan.findIn("refused: sig=" + SIGNATURE + " (bad_signature)")).hasSize(1);
        assertThat(scan.findIn("Bearer " + TOKEN)).hasSize(1);
    }

    @Test
    void findsAJwkPrivateMemberAndAPemLineOfARecordedKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        IssuedSecrets.privateKey((ECPrivateKey) pair.getPrivate());
        LeakScan scan = scanOf(IssuedSecrets.recordedHere());
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setPrivateKey(pair.getPrivate());
        String pem = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded());

        assertThat(scan.findIn("loaded " + jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)))
                .singleElement().asString().startsWith("EC private key d");
        assertThat(scan.findIn(pem.split("\n")[1])).singleElement().asString().startsWith("PEM private key line");
        assertThat(scan.findIn("loaded " + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))).isEmpty();
    }

    @Test
    void findingsNameTheKindButNeverTheValue() {
        List<String> findings = scanOf(Map.of(SIGNATURE, "token signature")).findIn(SIGNATURE);

        assertThat(findings).singleElement().asString().startsWith("token signature (sha256 ")
                .doesNotContain(SIGNATURE.substring(0, 16));
    }

    @Test
    void reportsOnlyWholeValues() {
        LeakScan scan = scanOf(Map.of(SIGNATURE, "token signature"));

        assertThat(scan.findIn(SIGNATURE.substring(0, SIGNATURE.length() - 1))).isEmpty();
        assertThat(scan.findIn("x" + SIGNATURE.substring(1))).isEmpty();
    }

    @Test
    void doesNotRecordValuesTooShortOrTooUniformToSearchFor() {
        assertThat(IssuedSecrets.distinctive("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isFalse();
        assertThat(IssuedSecrets.distinctive("abcdefgh")).isFalse();
        assertThat(IssuedSecrets.distinctive(SIGNATURE)).isTrue();
    }

    @Test
    void loadsTheRecordsOfEveryModule(@TempDir Path project) throws Exception {
        Path records = Files.createDirectories(project.resolve("some-module").resolve(IssuedSecrets.DIRECTORY));
        Files.writeString(records.resolve("issued-1.txt"), "token signature\t" + SIGNATURE + "\n", StandardCharsets.US_ASCII);

        assertThat(IssuedSecrets.load(project)).containsExactly(Map.entry(SIGNATURE, "token signature"));
    }

    @Test
    void findsTheFileAndLineOfALeakInAnyModulesTestOutputOrLog(@TempDir Path project) throws Exception {
        Path reports = Files.createDirectories(project.resolve("some-module/target/surefire-reports"));
        Files.writeString(reports.resolve("dev.x.SomeTest-output.txt"), "ok\nrefused " + SIGNATURE + "\n");
        Files.writeString(Files.createDirectories(project.resolve("other/target/server")).resolve("server.log"), SIGNATURE);
        Files.writeString(reports.resolve("TEST-dev.x.SomeTest.xml"), SIGNATURE);

        List<String> findings = scanOf(Map.of(SIGNATURE, "token signature"))
                .findIn(LeakScan.logFiles(project), project);

        assertThat(findings).containsExactlyInAnyOrder(
                Path.of("some-module/target/surefire-reports/dev.x.SomeTest-output.txt") + ":2: token signature (sha256 "
                        + findings.get(0).substring(findings.get(0).indexOf("sha256 ") + 7),
                Path.of("other/target/server/server.log") + ":1: token signature (sha256 "
                        + findings.get(0).substring(findings.get(0).indexOf("sha256 ") + 7));
    }
}
