package dev.jwkgate.jws;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Random;

/**
 * ECDSA inputs for the differential tests, made with the JDK in JWS's signature format (RFC 7518 section 3.4: R then
 * S, each a fixed-length unsigned big-endian half).
 */
final class EcdsaTestInputs {

    private EcdsaTestInputs() {
    }

    /** The JDK's signature algorithm for a JWS ECDSA digest ({@code SHA-256} to {@code SHA256withECDSAinP1363Format}). */
    static String jcaName(String digest) {
        return digest.replace("-", "") + "withECDSAinP1363Format";
    }

    /** A fresh key pair on the curve of this JDK name ({@code secp256r1}, …). */
    static KeyPair keyPair(String jdkCurveName) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(jdkCurveName));
        return generator.generateKeyPair();
    }

    /** The JDK's JWS-format signature of the message with this digest ({@code SHA-256}, …). */
    static byte[] sign(String digest, KeyPair pair, byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(jcaName(digest));
        signer.initSign(pair.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    /** R and S as a JWS signature of two halves of {@code half} bytes each (a value too long keeps its low bytes). */
    static byte[] encode(BigInteger r, BigInteger s, int half) {
        byte[] out = new byte[2 * half];
        put(r, out, 0, half);
        put(s, out, half, half);
        return out;
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void put(BigInteger value, byte[] out, int offset, int length) {
        byte[] bytes = value.toByteArray();
        int copied = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copied, out, offset + length - copied, copied);
    }
}
