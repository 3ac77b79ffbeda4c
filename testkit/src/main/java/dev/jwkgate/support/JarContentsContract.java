package dev.jwkgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.support.PackagedSignatureChecks;
import dev.jwkgate.supply.PackageOwners;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks every jar that carries the core's signature checks passes, as a JUnit test interface its jar-contents
 * test implements: exactly the libraries it declares, as its SBOM lists them; of BouncyCastle only what the checks
 * need; no JCA provider registration and no other jar's signature files; and the checks run from the jar alone.
 */
public interface JarContentsContract {

    /**
     * The jar under test and what it may hold.
     *
     * @param jar                 the packaged jar and its SBOM
     * @param libraries           every library the jar may bundle, by the packages it owns
     * @param subject             the module that builds the jar, as its SBOM names it ({@code groupId:artifactId})
     * @param bouncyCastlePackage where the jar keeps BouncyCastle's classes: {@code org/bouncycastle/}, or its
     *                            relocated package
     * @param suppliedByTheHost   what the JVM the jar runs in supplies beside it (e.g. Keycloak's SLF4J)
     */
    record Deployable(PackagedJar jar, PackageOwners libraries, String subject, String bouncyCastlePackage,
                      List<URL> suppliedByTheHost) {

        /** A jar that runs with nothing beside it but the JDK. */
        public Deployable(PackagedJar jar, PackageOwners libraries, String subject, String bouncyCastlePackage) {
            this(jar, libraries, subject, bouncyCastlePackage, List.of());
        }

        URL[] classPath() throws Exception {
            List<URL> urls = new ArrayList<>(List.of(jar.url()));
            urls.addAll(suppliedByTheHost);
            return urls.toArray(URL[]::new);
        }
    }

    /** The jar the test checks. */
    Deployable deployable();

    /** Anything new in the jar, anything missing from it, or an SBOM that says otherwise fails the build. */
    @Test
    default void bundlesExactlyTheAllowedLibrariesAndItsSbomListsThem() {
        Deployable d = deployable();
        assertThat(d.jar().mismatches(d.libraries(), d.subject())).isEmpty();
    }

    @Test
    default void carriesOnlyThePartOfBouncyCastleTheSignatureChecksNeed() {
        Deployable d = deployable();
        PackagedSignatureChecks.keepsOnlyTheBouncyCastleTheChecksNeed(d.jar().entries(), d.bouncyCastlePackage());
    }

    @Test
    default void registersNoJcaProviderAndCarriesNoSignatureFiles() {
        List<String> entries = deployable().jar().entries();
        assertThat(entries).doesNotContain("META-INF/services/java.security.Provider");
        assertThat(entries).noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
    }

    /** The kept classes are complete: an Ed25519 check runs with this jar and the JDK alone (and what the host supplies). */
    @Test
    default void verifiesAnEd25519SignatureWithNothingButThisJar() throws Exception {
        PackagedSignatureChecks.ed25519VerifiesWith(deployable().classPath());
    }

    /** The kept classes are complete for ECDSA too: a P-256, P-384 or P-521 check runs with this jar and the JDK alone. */
    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    default void verifiesAnEcdsaSignatureWithNothingButThisJar(String alg) throws Exception {
        PackagedSignatureChecks.ecdsaVerifiesWith(alg, deployable().classPath());
    }
}
