package dev.jwkgate.jws;

import dev.jwkgate.result.TokenRefusedException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.jws.engine.P256PublicKey;
import dev.jwkgate.keys.TrustedKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * jwkgate's ES256 check (BouncyCastle's ECDSA, the point imported once per key) against the JDK's
 * {@code Signature "SHA256withECDSAinP1363Format"} on exactly the same inputs: both must accept and refuse alike.
 */
class P256DifferentialTest {

    private static final BigInteger N = P256PublicKey.order();

    private final EcdsaSignatureCheck jwkgate = new EcdsaSignatureCheck("ES256", "SHA256withECDSAinP1363Format", 64);
    private final Random random = new Random(256);

    @Test
    void keepsEveryTrustedP256KeyAsAP256PublicKey() throws Exception {
        KeyPair pair = keyPair("secp256r1");
        Object kept = trusted(pair.getPublic());

        assertThat(kept).isInstanceOf(P256PublicKey.class).isEqualTo(pair.getPublic());
        assertThat(pair.getPublic()).isEqualTo(kept);
        assertThat(kept.hashCode()).isEqualTo(pair.getPublic().hashCode());
        assertThat(kept.toString()).isEqualTo("P-256 public key");
    }

    @Test
    void leavesP384KeysToTheJdk() throws Exception {
        KeyPair pair = keyPair("secp384r1");

        assertThat(trusted(pair.getPublic())).isSameAs(pair.getPublic());
    }

    @Test
    void agreesOnValidSignaturesOfRandomKeysAndMessages() throws Exception {
        for (int i = 0; i < 16; i++) {
            KeyPair pair = keyPair("secp256r1");
            byte[] message = randomBytes(random.nextInt(300));
            assertThat(verdicts(pair.getPublic(), message, sign(pair, message))).as("key %d", i).containsExactly(true, true);
        }
    }

    @Test
    void agreesOnEveryOneBitFlipOfRAndS() throws Exception {
        KeyPair pair = keyPair("secp256r1");
        byte[] message = randomBytes(80);
        byte[] signature = sign(pair, message);
        for (int bit = 0; bit < 512; bit++) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            boolean[] verdicts = verdicts(pair.getPublic(), message, flipped);
            assertThat(verdicts[0]).as("bit %d", bit).isEqualTo(verdicts[1]).isFalse();
        }
    }

    @Test
    void agreesOnEveryOneBitFlipOfTheMessage() throws Exception {
        KeyPair pair = keyPair("secp256r1");
        byte[] message = randomBytes(40);
        byte[] signature = sign(pair, message);
        for (int bit = 0; bit < message.length * 8; bit++) {
            byte[] flipped = message.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            boolean[] verdicts = verdicts(pair.getPublic(), flipped, signature);
            assertThat(verdicts[0]).as("bit %d", bit).isEqualTo(verdicts[1]).isFalse();
        }
    }

    @Test
    void agreesOnROrSOfZeroOrNOrNPlusOne() throws Exception {
        KeyPair pair = keyPair("secp256r1");
        byte[] message = randomBytes(50);
        byte[] signature = sign(pair, message);
        BigInteger r = new BigInteger(1, signature, 0, 32);
        BigInteger s = new BigInteger(1, signature, 32, 32);
        BigInteger nPlusOne = N.add(BigInteger.ONE); // the residue of 1; r + n itself rarely fits in 32 bytes
        BigInteger[][] cases = {
                {BigInteger.ZERO, s}, {r, BigInteger.ZERO}, {BigInteger.ZERO, BigInteger.ZERO},
                {N, s}, {r, N}, {nPlusOne, s}, {r, nPlusOne}, {BigInteger.ONE, BigInteger.ONE},
        };
        for (BigInteger[] rs : cases) {
            assertThat(verdicts(pair.getPublic(), message, encode(rs[0], rs[1])))
                    .as("r=%s s=%s", rs[0], rs[1]).containsExactly(false, false);
        }
    }

    @Test
    void bouncyCastleItselfRefusesROrSOutsideTheRangeTheCheckAlreadyRefuses() throws Exception {
        KeyPair pair = keyPair("secp256r1");
        byte[] message = randomBytes(50);
        byte[] signature = sign(pair, message);
        BigInteger r = new BigInteger(1, signature, 0, 32);
        BigInteger s = new BigInteger(1, signature, 32, 32);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
        P256PublicKey key = (P256PublicKey) trusted(pair.getPublic());

        assertThat(key.verifiesHash(hash, r, s)).isTrue();
        assertThat(key.verifiesHash(hash, BigInteger.ZERO, BigInteger.ZERO)).isFalse();
        assertThat(key.verifiesHash(hash, r.add(N), s)).isFalse();
        assertThat(key.verifiesHash(hash, r, s.add(N))).isFalse();
    }

    @Test
    void agreesThatTheHighSTwinOfAValidSignatureIsValid() throws Exception {
        for (int i = 0; i < 8; i++) {
            KeyPair pair = keyPair("secp256r1");
            byte[] message = randomBytes(60);
            byte[] signature = sign(pair, message);
            BigInteger r = new BigInteger(1, signature, 0, 32);
            BigInteger s = new BigInteger(1, signature, 32, 32);
            assertThat(verdicts(pair.getPublic(), message, encode(r, N.subtract(s)))).containsExactly(true, true);
        }
    }

    @Test
    void agreesOnAllZeroAndAllOnesSignatures() throws Exception {
        KeyPair pair = keyPair("secp256r1");
        byte[] message = randomBytes(30);
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xFF);

        assertThat(verdicts(pair.getPublic(), message, new byte[64])).containsExactly(false, false);
        assertThat(verdicts(pair.getPublic(), message, ones)).containsExactly(false, false);
    }

    @Test
    void agreesOnASignatureFromAnotherKey() throws Exception {
        KeyPair pair = keyPair("secp256r1");
        byte[] message = randomBytes(30);

        assertThat(verdicts(pair.getPublic(), message, sign(keyPair("secp256r1"), message))).containsExactly(false, false);
    }

    // ---- helpers ----

    /** {jwkgate's verdict (a refusal counts as false), the JDK's verdict on the raw key}. */
    private boolean[] verdicts(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
        boolean ours;
        try {
            ours = jwkgate.verifies(trusted(key), message, message.length, signature);
        } catch (TokenRefusedException refused) {
            ours = false;
        }
        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(key);
        jdk.update(message);
        boolean theirs;
        try {
            theirs = jdk.verify(signature);
        } catch (java.security.SignatureException e) {
            theirs = false;
        }
        return new boolean[] {ours, theirs};
    }

    private static java.security.Key trusted(PublicKey key) {
        String curve = key.getEncoded().length > 100 ? "P-384" : "P-256";
        return new TrustedKey("k", KeyFamily.EC, curve, key, Set.of("ES256"), "thumbprint").key();
    }

    private static KeyPair keyPair(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static byte[] sign(KeyPair pair, byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    private static byte[] encode(BigInteger r, BigInteger s) {
        byte[] out = new byte[64];
        put(r, out, 0);
        put(s, out, 32);
        return out;
    }

    private static void put(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
