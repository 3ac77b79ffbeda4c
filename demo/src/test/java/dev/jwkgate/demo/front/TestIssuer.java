package dev.jwkgate.demo.front;

import java.time.Instant;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** A made-up issuer for the front tests: one P-256 key, its public JWKS for a static-keys route, fresh ES256 tokens. */
final class TestIssuer {

    private final String issuer;
    private final EllipticCurveJsonWebKey key;

    TestIssuer(String issuer, String kid) throws JoseException {
        this.issuer = issuer;
        this.key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId(kid);
    }

    /** The public key as a JWKS document ({@code jwks} setting). */
    String jwks() {
        return "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
    }

    /** A token of this issuer for {@code subject}, valid for five minutes from now. */
    String token(String subject) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 300));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return jws.getCompactSerialization();
    }
}
