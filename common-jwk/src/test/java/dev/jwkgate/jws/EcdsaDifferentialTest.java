package dev.jwkgate.jws;

import static dev.jwkgate.jws.EcdsaTestInputs.encode;
import static dev.jwkgate.jws.EcdsaTestInputs.keyPair;
import static dev.jwkgate.jws.EcdsaTestInputs.randomBytes;
import static dev.jwkgate.jws.EcdsaTestInputs.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.jws.engine.EcdsaPublicKey;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.TokenRefusedException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jwkgate's ES256/ES384/ES512 check (BouncyCastle's ECDSA, the point imported once per key) against the JDK's
 * {@code Signature "SHAnnnwithECDSAinP1363Format"} in this JVM on exactly the same inputs: both must accept and
 * refuse alike. (The inputs on which JDK 17 is wrong — k·G with x ≥ n — are vanishingly rare among random
 * signatures; {@code EcdsaSecondJdkDifferentialTest} and {@code WycheproofEcdsaTest} hold those.)
 */
class EcdsaDifferentialTest {

    /** The three JWS curves with what the test needs of each. */
    enum Curve {
        P_256("P-256", "secp256r1", "ES256", "SHA-256", 32, 1),
        P_384("P-384", "secp384r1", "ES384", "SHA-384", 48, 5),
        P_521("P-521", "secp521r1", "ES512", "SHA-512", 66, 5);

        final String crv;
        final String jdkName;
        final String alg;
        final String digest;
        final int half;
        /**
         * Which bits the flip tests flip: every one for P-256; every fifth for P-384 and P-521, whose JDK 17
         * checks take milliseconds ({@code EcdsaSecondJdkDifferentialTest} flips every bit of those)
         */
        final int flipStep;

        Curve(String crv, String jdkName, String alg, String digest, int half, int flipStep) {
            this.crv = crv;
            this.jdkName = jdkName;
            this.alg = alg;
            this.digest = digest;
            this.half = half;
            this.flipStep = flipStep;
        }

        String jcaName() {
            return EcdsaTestInputs.jcaName(digest);
        }

        EcdsaSignatureCheck check() {
            return new EcdsaSignatureCheck(alg, digest, 2 * half);
        }
    }

    private final Random random = new Random(384);

    @ParameterizedTest
    @EnumSource(Curve.class)
    void keepsEveryTrustedKeyAsAnEcdsaPublicKey(Curve curve) throws Exception {
        KeyPair pair = keyPair(curve.jdkName);
        Object kept = trusted(pair.getPublic(), curve);

        assertThat(kept).isInstanceOf(EcdsaPublicKey.class).isEqualTo(pair.getPublic());
        assertThat(pair.getPublic()).isEqualTo(kept);
        assertThat(kept.hashCode()).isEqualTo(pair.getPublic().hashCode());
        assertThat(kept.toString()).isEqualTo(curve.crv + " public key");
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void agreesOnValidSignaturesOfRandomKeysAndMessages(Curve curve) throws Exception {
        for (int i = 0; i < 8; i++) {
            KeyPair pair = keyPair(curve.jdkName);
            byte[] message = randomBytes(random, random.nextInt(300));
            assertThat(verdicts(curve, pair.getPublic(), message, sign(curve.digest, pair, message)))
                    .as("key %d", i).containsExactly(true, true);
        }
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void agreesOnOneBitFlipsOfRAndS(Curve curve) throws Exception {
        KeyPair pair = keyPair(curve.jdkName);
        byte[] message = randomBytes(random, 80);
        byte[] signature = sign(curve.digest, pair, message);
        for (int bit = 0; bit < signature.length * 8; bit += curve.flipStep) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            boolean[] verdicts = verdicts(curve, pair.getPublic(), message, flipped);
            assertThat(verdicts[0]).as("bit %d", bit).isEqualTo(verdicts[1]).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void agreesOnOneBitFlipsOfTheMessage(Curve curve) throws Exception {
        KeyPair pair = keyPair(curve.jdkName);
        byte[] message = randomBytes(random, 40);
        byte[] signature = sign(curve.digest, pair, message);
        for (int bit = 0; bit < message.length * 8; bit += curve.flipStep) {
            byte[] flipped = message.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            boolean[] verdicts = verdicts(curve, pair.getPublic(), flipped, signature);
            assertThat(verdicts[0]).as("bit %d", bit).isEqualTo(verdicts[1]).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void agreesOnROrSOfZeroOrNOrNPlusOne(Curve curve) throws Exception {
        KeyPair pair = keyPair(curve.jdkName);
        BigInteger n = order(pair);
        byte[] message = randomBytes(random, 50);
        byte[] signature = sign(curve.digest, pair, message);
        BigInteger r = new BigInteger(1, signature, 0, curve.half);
        BigInteger s = new BigInteger(1, signature, curve.half, curve.half);
        BigInteger nPlusOne = n.add(BigInteger.ONE); // the residue of 1; r + n itself may not fit the field length
        BigInteger[][] cases = {
                {BigInteger.ZERO, s}, {r, BigInteger.ZERO}, {BigInteger.ZERO, BigInteger.ZERO},
                {n, s}, {r, n}, {nPlusOne, s}, {r, nPlusOne}, {BigInteger.ONE, BigInteger.ONE},
        };
        for (BigInteger[] rs : cases) {
            assertThat(verdicts(curve, pair.getPublic(), message, encode(rs[0], rs[1], curve.half)))
                    .as("r=%s s=%s", rs[0], rs[1]).containsExactly(false, false);
        }
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void bouncyCastleItselfRefusesROrSOutsideTheRangeTheCheckAlreadyRefuses(Curve curve) throws Exception {
        KeyPair pair = keyPair(curve.jdkName);
        BigInteger n = order(pair);
        byte[] message = randomBytes(random, 50);
        byte[] signature = sign(curve.digest, pair, message);
        BigInteger r = new BigInteger(1, signature, 0, curve.half);
        BigInteger s = new BigInteger(1, signature, curve.half, curve.half);
        byte[] hash = MessageDigest.getInstance(curve.digest).digest(message);
        EcdsaPublicKey key = (EcdsaPublicKey) trusted(pair.getPublic(), curve);

        assertThat(key.verifiesHash(hash, r, s)).isTrue();
        assertThat(key.verifiesHash(hash, BigInteger.ZERO, BigInteger.ZERO)).isFalse();
        assertThat(key.verifiesHash(hash, r.add(n), s)).isFalse();
        assertThat(key.verifiesHash(hash, r, s.add(n))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void agreesThatTheHighSTwinOfAValidSignatureIsValid(Curve curve) throws Exception {
        for (int i = 0; i < 4; i++) {
            KeyPair pair = keyPair(curve.jdkName);
            byte[] message = randomBytes(random, 60);
            byte[] signature = sign(curve.digest, pair, message);
            BigInteger r = new BigInteger(1, signature, 0, curve.half);
            BigInteger s = new BigInteger(1, signature, curve.half, curve.half);
            assertThat(verdicts(curve, pair.getPublic(), message, encode(r, order(pair).subtract(s), curve.half)))
                    .containsExactly(true, true);
        }
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void agreesOnAllZeroAndAllOnesSignatures(Curve curve) throws Exception {
        KeyPair pair = keyPair(curve.jdkName);
        byte[] message = randomBytes(random, 30);
        byte[] ones = new byte[2 * curve.half];
        Arrays.fill(ones, (byte) 0xFF);

        assertThat(verdicts(curve, pair.getPublic(), message, new byte[2 * curve.half])).containsExactly(false, false);
        assertThat(verdicts(curve, pair.getPublic(), message, ones)).containsExactly(false, false);
    }

    @ParameterizedTest
    @EnumSource(Curve.class)
    void agreesOnASignatureFromAnotherKey(Curve curve) throws Exception {
        KeyPair pair = keyPair(curve.jdkName);
        byte[] message = randomBytes(random, 30);

        assertThat(verdicts(curve, pair.getPublic(), message, sign(curve.digest, keyPair(curve.jdkName), message)))
                .containsExactly(false, false);
    }

    @ParameterizedTest
    @EnumSource(value = Curve.class, names = {"P_384", "P_521"})
    void refusesAKeyOfAnotherCurveAsUnfitForTheAlgorithm(Curve curve) throws Exception {
        KeyPair p256 = keyPair(Curve.P_256.jdkName);
        byte[] message = randomBytes(random, 30);
        byte[] signature = new byte[2 * curve.half];
        signature[curve.half - 1] = 1;
        signature[2 * curve.half - 1] = 1;

        assertThatThrownBy(() -> curve.check().verifies(trusted(p256.getPublic(), Curve.P_256), message,
                message.length, signature)).isInstanceOf(InvalidKeyException.class);
    }

    // ---- helpers ----

    /** {jwkgate's verdict (a refusal counts as false), the JDK's verdict on the raw key}. */
    private static boolean[] verdicts(Curve curve, PublicKey key, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        boolean ours;
        try {
            ours = curve.check().verifies(trusted(key, curve), message, message.length, signature);
        } catch (TokenRefusedException refused) {
            ours = false;
        }
        Signature jdk = Signature.getInstance(curve.jcaName());
        jdk.initVerify(key);
        jdk.update(message);
        boolean theirs;
        try {
            theirs = jdk.verify(signature);
        } catch (SignatureException e) {
            theirs = false;
        }
        return new boolean[] {ours, theirs};
    }

    private static Key trusted(PublicKey key, Curve curve) {
        return new TrustedKey("k", KeyFamily.EC, curve.crv, key, Set.of(curve.alg), "thumbprint").key();
    }

    private static BigInteger order(KeyPair pair) {
        return ((ECPublicKey) pair.getPublic()).getParams().getOrder();
    }





}
