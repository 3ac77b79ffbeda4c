package dev.jwkgate.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.support.JarContentsContract;
import dev.jwkgate.support.PackagedJar;
import dev.jwkgate.supply.PackageOwners;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the provider jar may carry into Keycloak's JVM, whose flat class path already holds Keycloak's own
 * jose4j and BouncyCastle: ours only relocated, BouncyCastle cut down to what the Ed25519 and ES256 checks need, and
 * nothing that would register a JCA provider or carry another jar's signature.
 */
class ProviderJarContentsIT implements JarContentsContract {

    private static final String SHADED = "dev/jwkgate/keycloak/shaded/";
    private static final String SUBJECT = "dev.jwkgate:keycloak-provider";

    /** Every library the provider jar may bundle, by the packages it owns: the providers, the core, and the core's jose4j and BouncyCastle, relocated. */
    private static final PackageOwners LIBRARIES = PackageOwners.of(Map.of(
            "dev/jwkgate/keycloak/", SUBJECT,
            "dev/jwkgate/", "dev.jwkgate:common-jwk",
            SHADED + "org/jose4j/", "org.bitbucket.b_c:jose4j",
            SHADED + "org/bouncycastle/", "org.bouncycastle:bcprov-jdk18on"));

    /** Keycloak supplies SLF4J: the packaged core's checks run with its API beside the jar. */
    private static final URL SLF4J = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();

    private static final PackagedJar JAR = PackagedJar.fromProperties("jwkgate.kc.providerJar");
    private static final List<String> ENTRIES = JAR.entries();

    @Override
    public Deployable deployable() {
        return new Deployable(JAR, LIBRARIES, SUBJECT, SHADED + "org/bouncycastle/", List.of(SLF4J));
    }

    /** Keycloak supplies SLF4J: the provider brings no copy of its own. */
    @Test
    void bundlesNoSlf4j() {
        assertThat(ENTRIES).noneMatch(e -> e.contains("org/slf4j/"));
    }

    /**
     * The rotation's meters are registered with Keycloak's own Micrometer registry, so the jar must use Keycloak's
     * Micrometer classes: a copy (relocated or not) would register with a registry nobody scrapes.
     */
    @Test
    void bundlesNoMicrometerAndUsesKeycloaksUnrelocated() throws Exception {
        assertThat(ENTRIES).noneMatch(e -> e.contains("io/micrometer/"));
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(JAR.path().toFile())) {
            byte[] metrics = jar.getInputStream(jar.getEntry("dev/jwkgate/keycloak/rotation/RotationMetrics.class")).readAllBytes();
            assertThat(new String(metrics, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("io/micrometer/core/instrument/Metrics");
        }
    }

    /** The rotation state machine and key lifecycle are the core's: the jar carries them once, from common-jwk. */
    @Test
    void carriesTheCoresRotationStateMachineAndNoCopyOfIt() {
        assertThat(ENTRIES).contains("dev/jwkgate/keys/rotation/RotationEngine.class", "dev/jwkgate/keys/rotation/RotationStateCodec.class",
                "dev/jwkgate/keys/rotation/PrivateKeyStorage.class");
        assertThat(ENTRIES).noneMatch(e -> e.startsWith("dev/jwkgate/keycloak/rotation/RotationEngine")
                || e.startsWith("dev/jwkgate/keycloak/rotation/RotationStateCodec"));
    }

    @Test
    void carriesBouncyCastleOnlyUnderTheShadedPackage() {
        assertThat(ENTRIES).anyMatch(e -> e.equals(SHADED + "org/bouncycastle/math/ec/rfc8032/Ed25519.class"));
        assertThat(ENTRIES).noneMatch(e -> e.startsWith("org/bouncycastle/"));
    }

    @Test
    void carriesJose4jOnlyUnderTheShadedPackage() {
        assertThat(ENTRIES).anyMatch(e -> e.startsWith(SHADED + "org/jose4j/"));
        assertThat(ENTRIES).noneMatch(e -> e.startsWith("org/jose4j/"));
    }

    @Test
    void carriesNoMultiReleaseClasses() {
        assertThat(ENTRIES).noneMatch(e -> e.startsWith("META-INF/versions/"));
    }

    @Test
    void keepsBouncyCastlesLicence() {
        assertThat(ENTRIES).contains("META-INF/LICENSE.md");
    }
}
