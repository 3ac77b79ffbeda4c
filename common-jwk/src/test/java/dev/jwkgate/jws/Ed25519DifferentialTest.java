package dev.jwkgate.jws;

import dev.jwkgate.result.TokenRefusedException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.jws.Ed25519Forge.Point;
import dev.jwkgate.jws.engine.Ed25519PublicKey;
import dev.jwkgate.keys.TrustedKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * jwkgate's Ed25519 check (BouncyCastle's RFC 8032 code, the point decoded once per key) against the JDK's
 * {@code Signature "Ed25519"} on exactly the same inputs: both must accept and refuse alike.
 *
 * <p>The one legitimate difference: RFC 8032 §5.1.7 checks [8][S]B = [8]R + [8][k]A (cofactored; BouncyCastle)
 * and allows [S]B = R + [k]A instead (cofactorless; the JDK). They differ only when R carries a small-order
 * component, which only the private key's holder can arrange (S must still match the hash of that R); no
 * forgery or malleation of someone else's token follows. Keys with a small-order component, the other
 * source of difference, are left to the JDK (and small-order keys are refused at ingestion). docs/SECURITY.md
 * records this.
 */
class Ed25519DifferentialTest {

    private final EdDsaSignatureCheck jwkgate = new EdDsaSignatureCheck();
    private final Random random = new Random(8032);

    // ---- RFC 8032 §7.1 ----

    @ParameterizedTest(name = "RFC 8032 7.1 {0}")
    @CsvSource({
            "TEST 1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
                    + " d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
                    + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            "TEST 2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
                    + " 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
                    + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
            "TEST 3, c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
                    + " fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82,"
                    + " 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    })
    void acceptsTheRfc8032Vectors(String name, String secret, String publicKey, String message, String signature)
            throws Exception {
        byte[] m = HexFormat.of().parseHex(message);
        byte[] sig = HexFormat.of().parseHex(signature);
        PublicKey key = Ed25519Forge.jdkKey(HexFormat.of().parseHex(publicKey));

        assertThat(rfcSignature(secret, m)).as("the vector as transcribed, re-signed by the JDK").isEqualTo(sig);
        assertThat(verdicts(key, m, sig)).isEqualTo(Verdicts.BOTH_ACCEPT);
        sig[0] ^= 1;
        assertThat(verdicts(key, m, sig)).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    // ---- honest signatures and their bit flips ----

    @Test
    void agreesOnValidSignaturesOfRandomKeysAndMessages() throws Exception {
        for (int i = 0; i < 32; i++) {
            KeyPair pair = keyPair();
            byte[] message = randomBytes(random.nextInt(600));
            assertThat(verdicts(pair.getPublic(), message, sign(pair.getPrivate(), message)))
                    .as("key %d", i).isEqualTo(Verdicts.BOTH_ACCEPT);
        }
    }

    @Test
    void agreesOnEveryOneBitFlipOfASignature() throws Exception {
        KeyPair pair = keyPair();
        byte[] message = "header.payload".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = sign(pair.getPrivate(), message);
        for (int bit = 0; bit < 512; bit++) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(verdicts(pair.getPublic(), message, flipped)).as("bit %d", bit).isEqualTo(Verdicts.BOTH_REFUSE);
        }
    }

    @Test
    void agreesOnOneBitFlipsOfTheSignedInput() throws Exception {
        KeyPair pair = keyPair();
        byte[] message = randomBytes(300);
        byte[] signature = sign(pair.getPrivate(), message);
        for (int i = 0; i < 64; i++) {
            byte[] flipped = message.clone();
            int bit = random.nextInt(message.length * 8);
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(verdicts(pair.getPublic(), flipped, signature)).as("bit %d", bit).isEqualTo(Verdicts.BOTH_REFUSE);
        }
    }

    @Test
    void agreesOnRandomSignatures() throws Exception {
        KeyPair pair = keyPair();
        byte[] message = randomBytes(100);
        for (int i = 0; i < 64; i++) {
            assertThat(verdicts(pair.getPublic(), message, randomBytes(64))).isEqualTo(Verdicts.BOTH_REFUSE);
        }
    }

    @Test
    void refusesTheAllZeroSignature() throws Exception {
        KeyPair pair = keyPair();
        assertThat(verdicts(pair.getPublic(), randomBytes(50), new byte[64])).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    // ---- S out of range: the same residue mod L must not verify twice ----

    @Test
    void refusesSEqualToTheGroupOrder() throws Exception {
        Forged forged = Forged.honest(random);
        byte[] signature = Ed25519Forge.signature(forged.encodedR, Ed25519Forge.L);
        assertThat(verdicts(forged.key(), forged.message, signature)).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    @Test
    void refusesSPlusTheGroupOrderThoughItIsTheSameResidue() throws Exception {
        Forged forged = Forged.honest(random);
        assertThat(verdicts(forged.key(), forged.message, forged.signature())).isEqualTo(Verdicts.BOTH_ACCEPT);

        byte[] lifted = Ed25519Forge.signature(forged.encodedR, forged.s.add(Ed25519Forge.L));
        assertThat(verdicts(forged.key(), forged.message, lifted)).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    @Test
    void refusesSWithTheTopBitsSet() throws Exception {
        Forged forged = Forged.honest(random);
        byte[] signature = forged.signature();
        signature[63] |= (byte) 0xe0;
        assertThat(verdicts(forged.key(), forged.message, signature)).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    // ---- encodings of R ----

    @Test
    void refusesANonCanonicalEncodingOfR() throws Exception {
        // the neutral element written as y = p + 1, with S made to satisfy the equation for exactly these bytes
        Forged forged = Forged.withR(random, BigInteger.ZERO,
                Ed25519Forge.encode(Ed25519Forge.P.add(BigInteger.ONE), false));
        assertThat(verdicts(forged.key(), forged.message, forged.signature())).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    @Test
    void refusesRWhoseYIsThePrimeItself() throws Exception {
        Forged forged = Forged.withR(random, BigInteger.ZERO,
                Ed25519Forge.encode(Ed25519Forge.P, false));
        assertThat(verdicts(forged.key(), forged.message, forged.signature())).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    @Test
    void refusesRWithTheSignBitSetForXZero() throws Exception {
        Forged forged = Forged.withR(random, BigInteger.ZERO,
                Ed25519Forge.encode(BigInteger.ONE, true));
        assertThat(verdicts(forged.key(), forged.message, forged.signature())).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    @Test
    void agreesOnTheNeutralElementAsRWhenTheEquationHoldsExactly() throws Exception {
        // r = 0: [S]B = R + [k]A holds without any small-order remainder, so both equations accept
        Forged forged = Forged.withR(random, BigInteger.ZERO, Ed25519Forge.IDENTITY.encoded());
        assertThat(verdicts(forged.key(), forged.message, forged.signature())).isEqualTo(Verdicts.BOTH_ACCEPT);
    }

    // ---- the documented difference: a small-order component in R ----

    @Test
    void aSmallOrderRMadeByTheKeyHolderPassesOnlyTheCofactoredEquation() throws Exception {
        Point torsion = Ed25519Forge.torsionOfOrder8();
        Forged forged = Forged.withR(random, BigInteger.ZERO, torsion.encoded());
        assertThat(verdicts(forged.key(), forged.message, forged.signature())).isEqualTo(Verdicts.ONLY_JWKGATE_ACCEPTS);
    }

    @Test
    void aMixedOrderRMadeByTheKeyHolderPassesOnlyTheCofactoredEquation() throws Exception {
        BigInteger r = new BigInteger(250, random);
        Point mixed = Ed25519Forge.BASE.times(r).plus(Ed25519Forge.torsionOfOrder8());
        Forged forged = Forged.withR(random, r, mixed.encoded());
        assertThat(verdicts(forged.key(), forged.message, forged.signature())).isEqualTo(Verdicts.ONLY_JWKGATE_ACCEPTS);
    }

    // ---- public keys the fast path does not take ----

    @Test
    void leavesASmallOrderPublicKeyToTheJdk() throws Exception {
        byte[] encodedA = Ed25519Forge.torsionOfOrder8().encoded();
        PublicKey key = Ed25519Forge.jdkKey(encodedA);
        assertThat(prepared(key).hasPrimeOrder()).isFalse();
        for (int i = 0; i < 16; i++) {
            // R = [r]B and S = r: [S]B − R − [k]A = −[k]A, zero exactly when 8 divides k
            BigInteger r = new BigInteger(250, random);
            byte[] encodedR = Ed25519Forge.BASE.times(r).encoded();
            byte[] signature = Ed25519Forge.signature(encodedR, r);
            Verdicts verdicts = verdicts(key, randomBytes(40), signature);
            assertThat(verdicts.agree()).as("%s", verdicts).isTrue();
        }
    }

    @Test
    void leavesAMixedOrderPublicKeyToTheJdk() throws Exception {
        BigInteger a = new BigInteger(250, random);
        Point mixedA = Ed25519Forge.BASE.times(a).plus(Ed25519Forge.torsionOfOrder8());
        PublicKey key = Ed25519Forge.jdkKey(mixedA.encoded());
        assertThat(prepared(key).hasPrimeOrder()).isFalse();
        for (int i = 0; i < 8; i++) {
            BigInteger r = new BigInteger(250, random);
            byte[] encodedR = Ed25519Forge.BASE.times(r).encoded();
            byte[] message = randomBytes(40);
            BigInteger k = Ed25519Forge.challenge(encodedR, mixedA.encoded(), message);
            byte[] signature = Ed25519Forge.signature(encodedR, r.add(k.multiply(a)).mod(Ed25519Forge.L));
            Verdicts verdicts = verdicts(key, message, signature);
            assertThat(verdicts.agree()).as("%s", verdicts).isTrue();
        }
    }

    @Test
    void leavesANonCanonicalPublicKeyToTheJdk() throws Exception {
        Forged forged = Forged.honest(random);
        byte[] nonCanonical = Ed25519Forge.encode(Ed25519Forge.P.add(BigInteger.ONE), false);
        PublicKey key = Ed25519Forge.jdkKey(nonCanonical);
        assertThat(prepared(key).hasPrimeOrder()).isFalse();
        assertThat(verdicts(key, forged.message, forged.signature())).isEqualTo(Verdicts.BOTH_REFUSE);
    }

    @Test
    void takesTheFastPathForAnHonestKey() throws Exception {
        assertThat(prepared(keyPair().getPublic()).hasPrimeOrder()).isTrue();
        assertThat(prepared(Forged.honest(random).key()).hasPrimeOrder()).isTrue();
    }

    @Test
    void forgesOnTheRealCurve() {
        // the forge's base point has order L and its torsion point order 8, or none of the above means anything
        assertThat(Ed25519Forge.BASE.x()).isEqualTo(new BigInteger(
                "15112221349535400772501151409588531511454012693041857206046113283949847762202"));
        assertThat(Ed25519Forge.BASE.times(Ed25519Forge.L)).isEqualTo(Ed25519Forge.IDENTITY);
        assertThat(Ed25519Forge.torsionOfOrder8().times(BigInteger.valueOf(8))).isEqualTo(Ed25519Forge.IDENTITY);
    }

    // ---- helpers ----

    /** The two verifiers' answers on one input. */
    enum Verdicts {
        BOTH_ACCEPT, BOTH_REFUSE, ONLY_JWKGATE_ACCEPTS, ONLY_JDK_ACCEPTS;

        static Verdicts of(boolean jwkgate, boolean jdk) {
            if (jwkgate == jdk) {
                return jwkgate ? BOTH_ACCEPT : BOTH_REFUSE;
            }
            return jwkgate ? ONLY_JWKGATE_ACCEPTS : ONLY_JDK_ACCEPTS;
        }

        boolean agree() {
            return this == BOTH_ACCEPT || this == BOTH_REFUSE;
        }
    }

    private Verdicts verdicts(PublicKey key, byte[] message, byte[] signature) {
        return Verdicts.of(jwkgateAccepts(key, message, signature), jdkAccepts(key, message, signature));
    }

    /** Through the key a key set holds ({@link TrustedKey} prepares it) and the check the validator calls. */
    private boolean jwkgateAccepts(PublicKey key, byte[] message, byte[] signature) {
        byte[] data = new byte[message.length + 7]; // the check reads only the signing input's length
        System.arraycopy(message, 0, data, 0, message.length);
        try {
            return jwkgate.verifies(trusted(key).key(), data, message.length, signature.clone());
        } catch (TokenRefusedException | GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean jdkAccepts(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initVerify(key);
            jdk.update(message);
            return jdk.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static TrustedKey trusted(PublicKey key) {
        return new TrustedKey("ed", KeyFamily.OKP, "Ed25519", key, Set.of("EdDSA"), "not-needed-here");
    }

    private static Ed25519PublicKey prepared(PublicKey key) {
        return (Ed25519PublicKey) trusted(key).key();
    }

    private KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(random.nextLong());
        generator.initialize(NamedParameterSpec.ED25519, seeded);
        return generator.generateKeyPair();
    }

    private static byte[] sign(PrivateKey key, byte[] message) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(message);
        return signer.sign();
    }

    private static byte[] rfcSignature(String secretHex, byte[] message) throws Exception {
        PrivateKey key = java.security.KeyFactory.getInstance("Ed25519").generatePrivate(
                new java.security.spec.EdECPrivateKeySpec(NamedParameterSpec.ED25519, HexFormat.of().parseHex(secretHex)));
        return sign(key, message);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * A signature made with a known secret scalar a (public key A = [a]B, no clamping needed) and chosen R bytes
     * whose point has r as the scalar of its prime-order part: S = r + k·a mod L, k hashed over R's bytes as given.
     */
    private record Forged(BigInteger a, byte[] encodedA, byte[] encodedR, BigInteger s, byte[] message) {

        static Forged honest(Random random) throws Exception {
            BigInteger r = new BigInteger(250, random);
            Point rPoint = Ed25519Forge.BASE.times(r);
            return withR(random, r, rPoint.encoded());
        }

        static Forged withR(Random random, BigInteger r, byte[] encodedR) throws Exception {
            BigInteger a = new BigInteger(250, random).add(BigInteger.ONE);
            byte[] encodedA = Ed25519Forge.BASE.times(a).encoded();
            byte[] message = new byte[48];
            random.nextBytes(message);
            BigInteger k = Ed25519Forge.challenge(encodedR, encodedA, message);
            return new Forged(a, encodedA, encodedR, r.add(k.multiply(a)).mod(Ed25519Forge.L), message);
        }

        PublicKey key() throws Exception {
            return Ed25519Forge.jdkKey(encodedA);
        }

        byte[] signature() {
            return Ed25519Forge.signature(encodedR, s);
        }
    }
}
