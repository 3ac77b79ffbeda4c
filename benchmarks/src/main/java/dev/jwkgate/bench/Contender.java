package dev.jwkgate.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwkgate.JwkGate;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.observability.PrometheusMetrics;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.token.TokenValidator;
import io.jsonwebtoken.Jwts;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.keys.HmacKey;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Everything measured: the raw JCA floor, jwkgate, and the Java JWT libraries a user could pick instead.
 * Each is configured once, as a gateway would, to check signature, {@code iss}, {@code aud} and {@code exp}.
 */
public enum Contender {
    /**
     * Signature.getInstance + initVerify + update + verify over pre-split bytes: the cost nobody avoids. For HS256
     * Mac.getInstance + init + doFinal and a constant-time compare with the received tag.
     */
    FLOOR("floor", Algorithms.ALL) {
        @Override
        TokenCheck create(Fixture f) {
            byte[] input = f.signingInput;
            byte[] signature = f.signature;
            if (f.secret != null) {
                return token -> {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(f.secret);
                    if (!MessageDigest.isEqual(mac.doFinal(input), signature)) {
                        throw new IllegalStateException("floor refused");
                    }
                    return mac;
                };
            }
            return token -> {
                Signature verifier = Fixture.jcaSignature(f.alg);
                verifier.initVerify(f.publicKey);
                verifier.update(input);
                if (!verifier.verify(signature)) {
                    throw new IllegalStateException("floor refused");
                }
                return verifier;
            };
        }
    },
    /**
     * The raw check jwkgate itself uses instead of the JCA's, over the same pre-split bytes: for EdDSA BouncyCastle's
     * RFC 8032 code (the point decoded once per key), for ES256/384/512 BouncyCastle's ECDSA (the point imported
     * once per key, the hash taken per token). jwkgate's distance to it is its own overhead; the floor stays the JCA.
     */
    FLOOR_FAST("floor-fast", Set.of("ES256", "ES384", "ES512", "EdDSA")) {
        @Override
        TokenCheck create(Fixture f) {
            byte[] input = f.signingInput;
            byte[] signature = f.signature;
            if (f.alg.equals("EdDSA")) {
                Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(
                        Ed25519Engines.encode((EdECPublicKey) f.publicKey), 0);
                return token -> {
                    if (!Ed25519.verify(signature, 0, point, input, 0, input.length)) {
                        throw new IllegalStateException("floor-fast refused");
                    }
                    return point;
                };
            }
            ECPublicKeyParameters key = importPoint((ECPublicKey) f.publicKey);
            String digest = "SHA-" + f.alg.substring(2);
            int half = signature.length / 2;
            return token -> {
                ECDSASigner signer = new ECDSASigner();
                signer.init(false, key);
                if (!signer.verifySignature(MessageDigest.getInstance(digest).digest(input),
                        new BigInteger(1, signature, 0, half), new BigInteger(1, signature, half, half))) {
                    throw new IllegalStateException("floor-fast refused");
                }
                return signer;
            };
        }
    },
    JWKGATE("jwkgate", Algorithms.ALL) {
        @Override
        TokenCheck create(Fixture f) {
            return check(JwkGate.builder(coldConfig(f)).auditListener(AuditListener.NONE).build());
        }
    },
    /** jwkgate with the verified-token cache on: after the first check, every check of the same token is a hit. */
    JWKGATE_WARM("jwkgate-warm", Set.of("RS256", "PS256", "ES256", "EdDSA")) {
        @Override
        TokenCheck create(Fixture f) {
            return check(JwkGate.builder(warmConfig(f)).auditListener(AuditListener.NONE).build());
        }
    },
    /** jwkgate recording into the Prometheus client, as the gateway deployables do with a status port. */
    JWKGATE_METRICS("jwkgate-metrics", Set.of("RS256", "PS256", "ES256", "EdDSA")) {
        @Override
        TokenCheck create(Fixture f) {
            return check(JwkGate.builder(coldConfig(f)).auditListener(AuditListener.NONE)
                    .metrics(new PrometheusMetrics(List::of, Clock.systemUTC())).build());
        }
    },
    /** {@link #JWKGATE_WARM} recording into the Prometheus client. */
    JWKGATE_WARM_METRICS("jwkgate-warm-metrics", Set.of("RS256", "PS256", "ES256", "EdDSA")) {
        @Override
        TokenCheck create(Fixture f) {
            return check(JwkGate.builder(warmConfig(f)).auditListener(AuditListener.NONE)
                    .metrics(new PrometheusMetrics(List::of, Clock.systemUTC())).build());
        }
    },
    JOSE4J("jose4j", Algorithms.ALL) {
        @Override
        TokenCheck create(Fixture f) {
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setExpectedIssuer(Fixture.ISSUER)
                    .setExpectedAudience(Fixture.AUDIENCE)
                    .setVerificationKey(f.secret != null ? new HmacKey(f.secret.getEncoded()) : f.publicKey)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, f.alg)
                    .build();
            return consumer::processToClaims;
        }
    },
    NIMBUS("nimbus", Algorithms.ALL) {
        @Override
        TokenCheck create(Fixture f) throws Exception {
            JWK jwk = JWK.parse(f.jwkJson());
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    Fixture.AUDIENCE, new JWTClaimsSet.Builder().issuer(Fixture.ISSUER).build(), Set.of("exp"));
            if (f.alg.equals("EdDSA")) {
                // Nimbus's DefaultJWTProcessor cannot use OKP keys; this is its documented Ed25519 path (Tink)
                Ed25519Verifier verifier = new Ed25519Verifier((OctetKeyPair) jwk);
                return token -> {
                    SignedJWT jwt = SignedJWT.parse(token);
                    if (!jwt.verify(verifier)) {
                        throw new IllegalStateException("nimbus refused");
                    }
                    JWTClaimsSet set = jwt.getJWTClaimsSet();
                    claims.verify(set, null);
                    return set;
                };
            }
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(f.alg),
                    new ImmutableJWKSet<>(new JWKSet(jwk))));
            processor.setJWTClaimsSetVerifier(claims);
            return token -> processor.process(token, null);
        }
    },
    /** java-jwt has neither PS256 nor EdDSA. */
    AUTH0("auth0", Set.of("RS256", "ES256", "ES384", "ES512", "HS256")) {
        @Override
        TokenCheck create(Fixture f) {
            Algorithm algorithm;
            switch (f.alg) {
                case "RS256":
                    algorithm = Algorithm.RSA256((RSAPublicKey) f.publicKey, null);
                    break;
                case "ES256":
                    algorithm = Algorithm.ECDSA256((ECPublicKey) f.publicKey, null);
                    break;
                case "ES384":
                    algorithm = Algorithm.ECDSA384((ECPublicKey) f.publicKey, null);
                    break;
                case "ES512":
                    algorithm = Algorithm.ECDSA512((ECPublicKey) f.publicKey, null);
                    break;
                case "HS256":
                    algorithm = Algorithm.HMAC256(f.secret.getEncoded());
                    break;
                default:
                    throw new IllegalArgumentException(f.alg);
            }
            com.auth0.jwt.interfaces.JWTVerifier verifier = JWT.require(algorithm)
                    .withIssuer(Fixture.ISSUER).withAudience(Fixture.AUDIENCE).build();
            return verifier::verify;
        }
    },
    JJWT("jjwt", Algorithms.ALL) {
        @Override
        TokenCheck create(Fixture f) {
            io.jsonwebtoken.JwtParserBuilder builder = f.secret != null ? Jwts.parser().verifyWith(f.secret)
                    : Jwts.parser().verifyWith(f.publicKey);
            io.jsonwebtoken.JwtParser parser = builder
                    .requireIssuer(Fixture.ISSUER).requireAudience(Fixture.AUDIENCE).build();
            return token -> parser.parseSignedClaims(token).getPayload();
        }
    };

    private final String label;
    private final Set<String> algorithms;

    Contender(String label, Set<String> algorithms) {
        this.label = label;
        this.algorithms = algorithms;
    }

    abstract TokenCheck create(Fixture fixture) throws Exception;

    public String label() {
        return label;
    }

    public boolean supports(String alg) {
        return algorithms.contains(alg);
    }

    public static Contender byLabel(String label) {
        for (Contender c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown contender " + label);
    }

    static JwkGateConfig coldConfig(Fixture f) {
        return JwkGateConfig.fromMap(Map.of(
                "issuer", Fixture.ISSUER, keySetting(f), keyValue(f),
                "audiences", List.of(Fixture.AUDIENCE), "algorithms", List.of(f.alg)));
    }

    static JwkGateConfig warmConfig(Fixture f) {
        return JwkGateConfig.fromMap(Map.of(
                "issuer", Fixture.ISSUER, keySetting(f), keyValue(f), "token_cache_enabled", true,
                "audiences", List.of(Fixture.AUDIENCE), "algorithms", List.of(f.alg)));
    }

    /** {@code jwks} for a public-key algorithm, {@code hmac_secrets} for an HMAC one. */
    private static String keySetting(Fixture f) {
        return f.secret == null ? "jwks" : "hmac_secrets";
    }

    private static Object keyValue(Fixture f) {
        return f.secret == null ? f.jwksJson
                : Map.of(f.kid, Base64.getUrlEncoder().withoutPadding().encodeToString(f.secret.getEncoded()));
    }

    /** A check through a jwkgate validator: the verified token, or an exception when it is refused. */
    static TokenCheck check(TokenValidator validator) {
        return token -> {
            ValidationResult result = validator.validate(token);
            if (!result.isValid()) {
                throw new IllegalStateException("jwkgate refused: " + result);
            }
            return result.token();
        };
    }

    /**
     * Builds the contender and proves it measures the real path: it must accept the token and refuse
     * the same token with one signature bit flipped.
     */
    public TokenCheck createChecked(Fixture fixture) throws Exception {
        TokenCheck check = create(fixture);
        check.check(fixture.token);
        if (this != FLOOR && this != FLOOR_FAST) {
            boolean refused;
            try {
                check.check(fixture.tamperedToken());
                refused = false;
            } catch (Exception e) {
                refused = true;
            }
            if (!refused) {
                throw new IllegalStateException(label + " accepted a tampered " + fixture.alg + " token");
            }
        }
        return check;
    }

    /** The key's point imported into BouncyCastle's specialised curve, once. */
    static ECPublicKeyParameters importPoint(ECPublicKey key) {
        int bits = key.getParams().getCurve().getField().getFieldSize();
        X9ECParameters curve = CustomNamedCurves.getByName("P-" + bits);
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        return new ECPublicKeyParameters(
                curve.getCurve().createPoint(key.getW().getAffineX(), key.getW().getAffineY()), domain);
    }

    /** Every algorithm the benchmarks have a fixture for. */
    private static final class Algorithms {
        static final Set<String> ALL = Set.of("RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA", "HS256");
    }
}
