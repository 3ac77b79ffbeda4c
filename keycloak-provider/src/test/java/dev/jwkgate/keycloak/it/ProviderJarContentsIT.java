package dev.jwkgate.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.support.PackagedSignatureChecks;
import dev.jwkgate.supply.PackageOwners;
import dev.jwkgate.supply.Sbom;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * What the provider jar may carry into Keycloak's JVM, whose flat class path already holds Keycloak's own
 * jose4j and BouncyCastle: ours only relocated, BouncyCastle cut down to what the Ed25519 and ES256 checks need, and
 * nothing that would register a JCA provider or carry another jar's signature.
 */
class ProviderJarContentsIT {

    private static final String SHADED = "dev/jwkgate/keycloak/shaded/";
    private static final String SUBJECT = "dev.jwkgate:keycloak-provider";

    /** Every library the provider jar may bundle, by the packages it owns: the providers, the core, and the core's jose4j and BouncyCastle, relocated. */
    private static final PackageOwners LIBRARIES = PackageOwners.of(Map.of(
            "dev/jwkgate/keycloak/", SUBJECT,
            "dev/jwkgate/", "dev.jwkgate:common-jwk",
            SHADED + "org/jose4j/", "org.bitbucket.b_c:jose4j",
            SHADED + "org/bouncycastle/", "org.bouncycastle:bcprov-jdk18on"));

    private static Path jar;
    private static List<String> entries;
    private static Sbom sbom;

    @BeforeAll
    static void readJar() throws IOException {
        jar = Path.of(System.getProperty("jwkgate.kc.providerJar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(java.util.zip.ZipEntry::getName).collect(Collectors.toList());
        }
        sbom = Sbom.read(Path.of(System.getProperty("jwkgate.sbom")));
    }

    /** Anything new in the jar, anything missing from it, or an SBOM that says otherwise fails the build. */
    @Test
    void bundlesExactlyTheAllowedLibrariesAndItsSbomListsThem() {
        assertThat(LIBRARIES.mismatches(entries, sbom, SUBJECT)).isEmpty();
    }

    /** Keycloak supplies SLF4J: the provider brings no copy of its own. */
    @Test
    void bundlesNoSlf4j() {
        assertThat(entries).noneMatch(e -> e.contains("org/slf4j/"));
    }

    /**
     * The rotation's meters are registered with Keycloak's own Micrometer registry, so the jar must use Keycloak's
     * Micrometer classes: a copy (relocated or not) would register with a registry nobody scrapes.
     */
    @Test
    void bundlesNoMicrometerAndUsesKeycloaksUnrelocated() throws Exception {
        assertThat(entries).noneMatch(e -> e.contains("io/micrometer/"));
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(System.getProperty("jwkgate.kc.providerJar"))) {
            byte[] metrics = jar.getInputStream(jar.getEntry("dev/jwkgate/keycloak/rotation/RotationMetrics.class")).readAllBytes();
            assertThat(new String(metrics, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("io/micrometer/core/instrument/Metrics");
        }
    }

    @Test
    void carriesBouncyCastleOnlyUnderTheShadedPackage() {
        assertThat(entries).anyMatch(e -> e.equals(SHADED + "org/bouncycastle/math/ec/rfc8032/Ed25519.class"));
        assertThat(entries).noneMatch(e -> e.startsWith("org/bouncycastle/"));
    }

    @Test
    void carriesJose4jOnlyUnderTheShadedPackage() {
        assertThat(entries).anyMatch(e -> e.startsWith(SHADED + "org/jose4j/"));
        assertThat(entries).noneMatch(e -> e.startsWith("org/jose4j/"));
    }

    @Test
    void carriesOnlyThePartOfBouncyCastleTheEd25519CheckNeeds() {
        long classes = entries.stream().filter(e -> e.startsWith(SHADED + "org/bouncycastle/") && e.endsWith(".class")).count();
        assertThat(classes).isBetween(300L, 1_000L); // all of bcprov is over 6,000
        assertThat(entries).noneMatch(e -> e.startsWith(SHADED + "org/bouncycastle/jce/"));
        assertThat(entries).noneMatch(e -> e.startsWith(SHADED + "org/bouncycastle/jcajce/"));
    }

    @Test
    void registersNoJcaProviderAndCarriesNoSignatureFiles() {
        assertThat(entries).doesNotContain("META-INF/services/java.security.Provider");
        assertThat(entries).noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
        assertThat(entries).noneMatch(e -> e.startsWith("META-INF/versions/"));
    }

    @Test
    void keepsBouncyCastlesLicence() {
        assertThat(entries).contains("META-INF/LICENSE.md");
    }

    /** The relocated classes are complete: an Ed25519 check runs with this jar and the JDK alone (plus SLF4J, which Keycloak has). */
    @Test
    void verifiesAnEd25519SignatureWithNothingButThisJar() throws Exception {
        URL slf4j = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {jar.toUri().toURL(), slf4j},
                ClassLoader.getPlatformClassLoader())) {
            PackagedSignatureChecks.ed25519VerifiesWith(isolated);
        }
    }

    /**
     * The kept classes are complete for ECDSA too: a P-256, P-384 or P-521 check runs with this jar and the JDK alone
     * (plus SLF4J, which Keycloak has).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void verifiesAnEcdsaSignatureWithNothingButThisJar(String alg) throws Exception {
        URL slf4j = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {jar.toUri().toURL(), slf4j},
                ClassLoader.getPlatformClassLoader())) {
            PackagedSignatureChecks.ecdsaVerifiesWith(isolated, alg);
        }
    }
}
