package dev.jwkgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.support.PackagedSignatureChecks;
import dev.jwkgate.support.PackagedJar;
import dev.jwkgate.supply.PackageOwners;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runnable CLI jar carries the core and only the libraries it needs, as its SBOM lists them. */
class CliJarContentsIT {

    private static final String SUBJECT = "dev.jwkgate:common-jwk";

    /** Every library the CLI jar may bundle, by the packages it owns: the core, its dependencies, and the SLF4J binding that prints to stderr. */
    private static final PackageOwners LIBRARIES = PackageOwners.of(Map.of(
            "dev/jwkgate/", SUBJECT,
            "org/jose4j/", "org.bitbucket.b_c:jose4j",
            "org/bouncycastle/", "org.bouncycastle:bcprov-jdk18on",
            "org/slf4j/", "org.slf4j:slf4j-api",
            "org/slf4j/simple/", "org.slf4j:slf4j-simple"));

    private static final PackagedJar JAR = PackagedJar.fromProperties("jwkgate.cli.jar");
    private static final List<String> ENTRIES = JAR.entries();

    /** Anything new in the jar, anything missing from it, or an SBOM that says otherwise fails the build. */
    @Test
    void bundlesExactlyTheAllowedLibrariesAndItsSbomListsThem() {
        assertThat(JAR.mismatches(LIBRARIES, SUBJECT)).isEmpty();
    }

    @Test
    void carriesOnlyThePartOfBouncyCastleTheSignatureChecksNeedAndNoJcaProvider() {
        PackagedSignatureChecks.keepsOnlyTheBouncyCastleTheChecksNeed(ENTRIES, "org/bouncycastle/");
        assertThat(ENTRIES).doesNotContain("META-INF/services/java.security.Provider");
        assertThat(ENTRIES).noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
    }

    /** The kept classes are complete: the CLI's Ed25519 check runs with this jar and the JDK alone. */
    @Test
    void verifiesAnEd25519SignatureWithNothingButThisJar() throws Exception {
        PackagedSignatureChecks.ed25519VerifiesWith(JAR.url());
    }

    /** The kept classes are complete for ECDSA too: a P-256, P-384 or P-521 check runs with this jar and the JDK alone. */
    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void verifiesAnEcdsaSignatureWithNothingButThisJar(String alg) throws Exception {
        PackagedSignatureChecks.ecdsaVerifiesWith(alg, JAR.url());
    }
}
