package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    /** The kept classes are complete: an Ed25519 check runs with this jar and the JDK alone. */
    @Test
    void verifiesAnEd25519SignatureWithNothingButThisJar() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] message = "header.payload".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] signature = signer.sign();

            Class<?> family = isolated.loadClass("dev.jwkgate.keys.KeyFamily");
            Class<?> trustedKey = isolated.loadClass("dev.jwkgate.keys.TrustedKey");
            Object okp = family.getMethod("valueOf", String.class).invoke(null, "OKP");
            Object trusted = trustedKey.getConstructor(String.class, family, String.class, Key.class, Set.class, String.class)
                    .newInstance("ed", okp, "Ed25519", pair.getPublic(), Set.of("EdDSA"), "thumbprint");
            Object prepared = trustedKey.getMethod("key").invoke(trusted);
            Method verifies = prepared.getClass().getMethod("verifies", byte[].class, int.class, byte[].class);

            assertThat(prepared.getClass().getMethod("hasPrimeOrder").invoke(prepared)).isEqualTo(true);
            assertThat(verifies.invoke(prepared, message, message.length, signature)).isEqualTo(true);
            signature[10] ^= 1;
            assertThat(verifies.invoke(prepared, message, message.length, signature)).isEqualTo(false);
        }
    }

    /** The kept classes are complete for ES256 too: a P-256 check runs with this jar and the JDK alone. */
    @Test
    void verifiesAnEs256SignatureWithNothingButThisJar() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] message = "header.payload".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] signature = signer.sign();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
            BigInteger r = new BigInteger(1, signature, 0, 32);
            BigInteger s = new BigInteger(1, signature, 32, 32);

            Class<?> family = isolated.loadClass("dev.jwkgate.keys.KeyFamily");
            Class<?> trustedKey = isolated.loadClass("dev.jwkgate.keys.TrustedKey");
            Object ec = family.getMethod("valueOf", String.class).invoke(null, "EC");
            Object trusted = trustedKey.getConstructor(String.class, family, String.class, Key.class, Set.class, String.class)
                    .newInstance("p", ec, "P-256", pair.getPublic(), Set.of("ES256"), "thumbprint");
            Object prepared = trustedKey.getMethod("key").invoke(trusted);
            Method verifies = prepared.getClass().getMethod("verifiesHash", byte[].class, BigInteger.class, BigInteger.class);

            assertThat(prepared.getClass().getName()).isEqualTo("dev.jwkgate.keys.P256PublicKey");
            assertThat(verifies.invoke(prepared, hash, r, s)).isEqualTo(true);
            hash[10] ^= 1;
            assertThat(verifies.invoke(prepared, hash, r, s)).isEqualTo(false);
        }
    }
}
