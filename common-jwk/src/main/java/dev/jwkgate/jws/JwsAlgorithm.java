package dev.jwkgate.jws;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The JWS algorithms jwkgate verifies, with the key family and curve each one requires and the exact
 * signature length it produces. The key decides the family: an RSA, EC or OKP key can never check an HMAC.
 */
public enum JwsAlgorithm {
    RS256("RS256", KeyFamily.RSA, null, "SHA256withRSA", 0),
    RS384("RS384", KeyFamily.RSA, null, "SHA384withRSA", 0),
    RS512("RS512", KeyFamily.RSA, null, "SHA512withRSA", 0),
    PS256("PS256", KeyFamily.RSA, null, "RSASSA-PSS", 0),
    PS384("PS384", KeyFamily.RSA, null, "RSASSA-PSS", 0),
    PS512("PS512", KeyFamily.RSA, null, "RSASSA-PSS", 0),
    ES256("ES256", KeyFamily.EC, "P-256", "SHA256withECDSAinP1363Format", 64),
    ES384("ES384", KeyFamily.EC, "P-384", "SHA384withECDSAinP1363Format", 96),
    ES512("ES512", KeyFamily.EC, "P-521", "SHA512withECDSAinP1363Format", 132),
    EDDSA("EdDSA", KeyFamily.OKP, null, "EdDSA", 0),
    HS256("HS256", KeyFamily.OCT, null, "HmacSHA256", 32),
    HS384("HS384", KeyFamily.OCT, null, "HmacSHA384", 48),
    HS512("HS512", KeyFamily.OCT, null, "HmacSHA512", 64);

    private static final Map<String, JwsAlgorithm> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(JwsAlgorithm::jwsName, Function.identity()));

    private final String jwsName;
    private final KeyFamily family;
    private final String curve;
    private final String jcaName;
    private final int fixedSignatureLength;

    JwsAlgorithm(String jwsName, KeyFamily family, String curve, String jcaName, int fixedSignatureLength) {
        this.jwsName = jwsName;
        this.family = family;
        this.curve = curve;
        this.jcaName = jcaName;
        this.fixedSignatureLength = fixedSignatureLength;
    }

    /** Every name of this table, in its order: what {@code algorithms} may list and a schema may offer. */
    public static List<String> names() {
        return names(algorithm -> true);
    }

    /** The names of the algorithms that pass {@code filter}, in the table's order. */
    public static List<String> names(Predicate<JwsAlgorithm> filter) {
        return Arrays.stream(values()).filter(filter).map(JwsAlgorithm::jwsName).toList();
    }

    /** The algorithms a key of {@code family} can verify. */
    public static Set<JwsAlgorithm> ofFamily(KeyFamily family) {
        Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
        for (JwsAlgorithm algorithm : values()) {
            if (algorithm.family == family) {
                algorithms.add(algorithm);
            }
        }
        return Collections.unmodifiableSet(algorithms);
    }

    /** Exact, case-sensitive lookup: "none", "None" or "rs256" find nothing. */
    public static Optional<JwsAlgorithm> byName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** The name as it appears in {@code alg}. */
    public String jwsName() {
        return jwsName;
    }

    public KeyFamily family() {
        return family;
    }

    /** An HMAC algorithm: its key is a shared secret, only ever from {@code hmac_secrets}, never from a JWKS. */
    public boolean isHmac() {
        return family == KeyFamily.OCT;
    }

    /** The EC curve this algorithm requires ({@code crv}); null for other families (EdDSA takes Ed25519 or Ed448). */
    public String curve() {
        return curve;
    }

    /** The JCA algorithm name (PSS needs parameters set separately). */
    public String jcaName() {
        return jcaName;
    }

    /**
     * The exact signature length in bytes for ECDSA (2 × field size) and HMAC (hash length, the minimum
     * secret length too), or 0 when it depends on the key (RSA: modulus length; EdDSA: 64 for Ed25519,
     * 114 for Ed448).
     */
    public int fixedSignatureLength() {
        return fixedSignatureLength;
    }
}
