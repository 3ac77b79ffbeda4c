package dev.jwkgate.keys.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Collection;
import java.util.Set;

/**
 * Checks, for an adapter's jar-contents test, that the BouncyCastle classes a packaged jar kept (cut down and
 * relocated) are complete: the core's Ed25519, ES256, ES384 and ES512 checks run from a class loader that sees only that jar
 * (and what the caller adds), accept a JDK-made signature and refuse it with one bit flipped.
 */
public final class PackagedSignatureChecks {

    private static final byte[] MESSAGE = "header.payload".getBytes(StandardCharsets.US_ASCII);

    private PackagedSignatureChecks() {
    }

    /**
     * Of BouncyCastle, the jar's {@code entries} under {@code prefix} (where the build put it, relocated or not) are only
     * the part the core's checks need: 300 to 1,000 classes (all of bcprov has over 6,000) and nothing of its JCA
     * provider ({@code jce/}, {@code jcajce/}).
     */
    public static void keepsOnlyTheBouncyCastleTheChecksNeed(Collection<String> entries, String prefix) {
        long classes = entries.stream().filter(e -> e.startsWith(prefix) && e.endsWith(".class")).count();
        assertThat(classes).as("BouncyCastle classes under %s", prefix).isBetween(300L, 1_000L);
        assertThat(entries).noneMatch(e -> e.startsWith(prefix + "jce/") || e.startsWith(prefix + "jcajce/"));
    }

    /** {@link #ed25519VerifiesWith(ClassLoader)} in a class loader that sees only these locations and the JDK. */
    public static void ed25519VerifiesWith(URL... classPath) throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            ed25519VerifiesWith(isolated);
        }
    }

    /** {@link #ecdsaVerifiesWith(ClassLoader, String)} in a class loader that sees only these locations and the JDK. */
    public static void ecdsaVerifiesWith(String alg, URL... classPath) throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            ecdsaVerifiesWith(isolated, alg);
        }
    }

    /** The packaged core checks an Ed25519 signature through its prepared key. */
    public static void ed25519VerifiesWith(ClassLoader packaged) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] signature = sign("Ed25519", pair);
        Object prepared = trustedKey(packaged, "OKP", "Ed25519", pair, "EdDSA");
        Method verifies = prepared.getClass().getMethod("verifies", byte[].class, int.class, byte[].class);

        assertThat(prepared.getClass().getName()).isEqualTo("dev.jwkgate.jws.engine.Ed25519PublicKey");
        assertThat(prepared.getClass().getMethod("hasPrimeOrder").invoke(prepared)).isEqualTo(true);
        assertThat(verifies.invoke(prepared, MESSAGE, MESSAGE.length, signature)).isEqualTo(true);
        signature[10] ^= 1;
        assertThat(verifies.invoke(prepared, MESSAGE, MESSAGE.length, signature)).isEqualTo(false);
    }

    /** The packaged core checks an ES256, ES384 or ES512 signature through its prepared key of the curve. */
    public static void ecdsaVerifiesWith(ClassLoader packaged, String alg) throws Exception {
        int bits = Integer.parseInt(alg.substring(2));
        String crv = bits == 512 ? "P-521" : "P-" + bits;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(bits == 512 ? "secp521r1" : "secp" + bits + "r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] signature = sign("SHA" + bits + "withECDSAinP1363Format", pair);
        byte[] hash = MessageDigest.getInstance("SHA-" + bits).digest(MESSAGE);
        int half = signature.length / 2;
        BigInteger r = new BigInteger(1, signature, 0, half);
        BigInteger s = new BigInteger(1, signature, half, half);
        Object prepared = trustedKey(packaged, "EC", crv, pair, alg);
        Method verifies = prepared.getClass().getMethod("verifiesHash", byte[].class, BigInteger.class, BigInteger.class);

        assertThat(prepared.getClass().getName()).isEqualTo("dev.jwkgate.jws.engine.EcdsaPublicKey");
        assertThat(prepared.toString()).isEqualTo(crv + " public key");
        assertThat(verifies.invoke(prepared, hash, r, s)).isEqualTo(true);
        hash[10] ^= 1;
        assertThat(verifies.invoke(prepared, hash, r, s)).isEqualTo(false);
    }

    private static byte[] sign(String algorithm, KeyPair pair) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(pair.getPrivate());
        signer.update(MESSAGE);
        return signer.sign();
    }

    /** The key a packaged {@code TrustedKey} keeps for {@code pair}'s public key. */
    private static Object trustedKey(ClassLoader packaged, String kty, String curve, KeyPair pair, String alg)
            throws Exception {
        Class<?> family = packaged.loadClass("dev.jwkgate.jws.KeyFamily");
        Class<?> trustedKey = packaged.loadClass("dev.jwkgate.keys.TrustedKey");
        Object trusted = trustedKey.getConstructor(String.class, family, String.class, Key.class, Set.class, String.class)
                .newInstance("kid", family.getMethod("valueOf", String.class).invoke(null, kty), curve, pair.getPublic(),
                        Set.of(alg), "thumbprint");
        return trustedKey.getMethod("key").invoke(trusted);
    }
}
