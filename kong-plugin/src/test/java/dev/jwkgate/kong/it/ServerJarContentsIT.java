package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.support.PackagedSignatureChecks;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plugin server jar carries only the part of BouncyCastle the core's Ed25519 and ES256 checks need, and that part works. */
class ServerJarContentsIT {

    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        jar = Path.of(System.getProperty("jwkgate.kong.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(java.util.zip.ZipEntry::getName).collect(Collectors.toList());
        }
    }

    @Test
    void carriesOnlyThePartOfBouncyCastleTheEd25519CheckNeeds() {
        long classes = entries.stream().filter(e -> e.startsWith("org/bouncycastle/") && e.endsWith(".class")).count();
        assertThat(classes).isBetween(300L, 1_000L); // all of bcprov is over 6,000
        assertThat(entries).noneMatch(e -> e.startsWith("org/bouncycastle/jce/") || e.startsWith("org/bouncycastle/jcajce/"));
    }

    @Test
    void registersNoJcaProviderAndCarriesNoSignatureFiles() {
        assertThat(entries).doesNotContain("META-INF/services/java.security.Provider");
        assertThat(entries).noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
    }

    @Test
    void carriesProtobufOnlyUnderARelocatedName() {
        assertThat(entries).noneMatch(e -> e.startsWith("com/google/protobuf/"));
        assertThat(entries).contains("dev/jwkgate/kong/shaded/protobuf/Struct.class",
                "dev/jwkgate/kong/pdk/protocol/KongProtocol.class");
    }

    /** The kept classes are complete: an Ed25519 check runs with this jar and the JDK alone. */
    @Test
    void verifiesAnEd25519SignatureWithNothingButThisJar() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            PackagedSignatureChecks.ed25519VerifiesWith(isolated);
        }
    }

    /** The kept classes are complete for ECDSA too: a P-256, P-384 or P-521 check runs with this jar and the JDK alone. */
    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void verifiesAnEcdsaSignatureWithNothingButThisJar(String alg) throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            PackagedSignatureChecks.ecdsaVerifiesWith(isolated, alg);
        }
    }
}
