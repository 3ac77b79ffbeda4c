package dev.jwkgate.apisix.support;

import dev.jwkgate.leaks.IssuedSecrets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** A JDK-generated RSA key with a {@code kid}, signing RS256 tokens as an identity provider would. */
public final class SigningKey {

    private final String kid;
    private final KeyPair pair;

    private SigningKey(String kid, KeyPair pair) {
        this.kid = kid;
        this.pair = pair;
    }

    public static SigningKey rsa(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            IssuedSecrets.privateKey(pair.getPrivate());
            return new SigningKey(kid, pair);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another key pair claiming this key's {@code kid}: what a forger has. */
    public SigningKey impostor() {
        return new SigningKey(kid, rsa(kid).pair);
    }

    public String kid() {
        return kid;
    }

    public String publicJwkJson() {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setKeyId(kid);
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** A compact RS256 JWS over these claims, {@code kid} in the header. */
    public String sign(Map<String, Object> claims) {
        JwtClaims jwtClaims = new JwtClaims();
        claims.forEach(jwtClaims::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwtClaims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return IssuedSecrets.token(jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
