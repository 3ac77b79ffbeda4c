package dev.jwkgate.token.support;

import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.keys.support.TestKeys;
import dev.jwkgate.leaks.IssuedSecrets;
import java.math.BigInteger;
import java.security.Key;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A key pair (or secret) made for one test: the private half signs, {@link #trusted()} is what a key set holds.
 * Generated keys are reused across tests of one JVM because RSA generation is slow.
 */
public record SigningKey(Key signer, TrustedKey trusted) {

    private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();

    public static SigningKey rsa(String kid) {
        return rsa(kid, 2048, "rsa-2048");
    }

    public static SigningKey rsa(String kid, int bits, String slot) {
        KeyPair pair = PAIRS.computeIfAbsent(slot, s -> TestKeys.fresh("RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4)));
        return of(kid, KeyFamily.RSA, null, pair, Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512"));
    }

    public static SigningKey ec(String kid, String jwsCurve) {
        String std = Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1").get(jwsCurve);
        KeyPair pair = PAIRS.computeIfAbsent(jwsCurve, s -> TestKeys.fresh("EC", new ECGenParameterSpec(std)));
        String alg = Map.of("P-256", "ES256", "P-384", "ES384", "P-521", "ES512").get(jwsCurve);
        return of(kid, KeyFamily.EC, jwsCurve, pair, Set.of(alg));
    }

    public static SigningKey ed(String kid, String curve) {
        KeyPair pair = PAIRS.computeIfAbsent(curve, s -> TestKeys.fresh(curve, new NamedParameterSpec(curve)));
        return of(kid, KeyFamily.OKP, curve, pair, Set.of("EdDSA"));
    }

    public static SigningKey hmac(String kid, int bytes) {
        byte[] secret = new byte[bytes];
        Arrays.fill(secret, (byte) 0x5a);
        secret[0] = (byte) bytes;
        return hmac(kid, secret);
    }

    public static SigningKey hmac(String kid, byte[] secret) {
        SecretKey key = new SecretKeySpec(IssuedSecrets.secret(secret), "HMAC");
        String thumbprint = new OctetSequenceJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
        return new SigningKey(key, new TrustedKey(kid, KeyFamily.OCT, null, key,
                Set.of("HS256", "HS384", "HS512"), thumbprint));
    }

    private static SigningKey of(String kid, KeyFamily family, String curve, KeyPair pair, Set<String> algs) {
        IssuedSecrets.privateKey(pair.getPrivate());
        return new SigningKey(pair.getPrivate(), new TrustedKey(kid, family, curve, pair.getPublic(), algs,
                thumbprint(pair.getPublic())));
    }

    public static String thumbprint(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key material under another kid. */
    public SigningKey withKid(String kid) {
        return new SigningKey(signer, new TrustedKey(kid, trusted.family(), trusted.curve(), trusted.key(),
                trusted.algorithms(), trusted.thumbprint()));
    }

    /** The same key material allowing only these algorithms (as ingestion does for a JWK with alg or use:enc). */
    public SigningKey allowing(String... algs) {
        return new SigningKey(signer, new TrustedKey(trusted.keyId(), trusted.family(), trusted.curve(), trusted.key(),
                Set.of(algs), trusted.thumbprint()));
    }

    public String kid() {
        return trusted.keyId();
    }

    /** The base64url of the public key in X.509 form, to sign an HMAC confusion token with. */
    public byte[] publicKeyBytes() {
        return trusted.key().getEncoded();
    }

    public BigInteger rsaModulus() {
        return ((RSAPublicKey) trusted.key()).getModulus();
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static Set<String> algsOf(JwsAlgorithm... algs) {
        return Arrays.stream(algs).map(JwsAlgorithm::jwsName).collect(Collectors.toSet());
    }
}
