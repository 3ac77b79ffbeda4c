package dev.jwkgate.jws;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step 2: decides from the header alone whether the token may be checked at all, before any key lookup.
 * The header may never choose the algorithm family or carry its own key, key URL or payload encoding.
 */
public final class HeaderPolicy {

    /** Headers that would let the token pick its own key or key location, or change the signing input. */
    private static final List<String> FORBIDDEN = List.of("jku", "x5u", "jwk", "x5c", "b64");

    private static final String MEDIA_TYPE_PREFIX = "application/";

    private final Set<String> allowedAlgorithms;
    private final Set<String> supportedCritical;
    private final String requiredType;
    private final int maxKidLength;
    private final boolean allowMissingKid;

    public HeaderPolicy(List<String> allowedAlgorithms, List<String> supportedCritical, String requiredType,
                 int maxKidLength, boolean allowMissingKid) {
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        this.supportedCritical = Set.copyOf(supportedCritical);
        this.requiredType = requiredType == null ? null : normaliseType(requiredType);
        this.maxKidLength = maxKidLength;
        this.allowMissingKid = allowMissingKid;
    }

    public JwsHeader check(Map<String, Object> header) throws TokenRefusedException {
        JwsAlgorithm algorithm = algorithm(header.get("alg"));
        for (String name : FORBIDDEN) {
            if (header.containsKey(name)) {
                throw TokenRefusedException.of(ReasonCode.FORBIDDEN_HEADER, "the header carries '" + name
                        + "'; keys and key locations come only from configuration, and b64 is never accepted");
            }
        }
        checkCritical(header);
        checkType(header.get("typ"));
        return new JwsHeader(algorithm, keyId(header));
    }

    private JwsAlgorithm algorithm(Object alg) throws TokenRefusedException {
        if (!(alg instanceof String)) {
            throw TokenRefusedException.of(ReasonCode.UNSUPPORTED_ALGORITHM,
                    alg == null ? "the header has no alg" : "alg is " + LogText.quote(alg) + ", not a string");
        }
        String name = (String) alg;
        // the length test first spares a lower-case copy of every real alg (no mapping of Locale.ROOT makes
        // a longer or shorter name lower-case to "none")
        if (name.length() == 4 && name.toLowerCase(Locale.ROOT).equals("none")) {
            throw TokenRefusedException.of(ReasonCode.UNSUPPORTED_ALGORITHM,
                    "alg " + LogText.quote(name) + ": unsigned tokens are never accepted");
        }
        Optional<JwsAlgorithm> known = JwsAlgorithm.byName(name);
        if (known.isEmpty() || !allowedAlgorithms.contains(name)) {
            throw TokenRefusedException.of(ReasonCode.UNSUPPORTED_ALGORITHM, "alg " + LogText.quote(name)
                    + " is not in the allowed algorithms " + allowedAlgorithms.stream().sorted().toList());
        }
        return known.get();
    }

    /** RFC 7515 §4.1.11: a critical extension we do not understand must invalidate the token. */
    private void checkCritical(Map<String, Object> header) throws TokenRefusedException {
        if (!header.containsKey("crit")) {
            return;
        }
        Object crit = header.get("crit");
        if (!(crit instanceof List) || ((List<?>) crit).isEmpty()) {
            throw critical("crit must be a non-empty array of header names, got "
                    + (crit instanceof List ? "an empty array" : LogText.quote(crit)));
        }
        Set<String> seen = new HashSet<>();
        for (Object item : (List<?>) crit) {
            if (!(item instanceof String)) {
                throw critical("crit lists " + LogText.quote(item) + ", not a header name");
            }
            String name = (String) item;
            if (!seen.add(name)) {
                throw critical("crit lists " + LogText.quote(name) + " twice");
            }
            if (!supportedCritical.contains(name)) {
                throw critical("crit names " + LogText.quote(name) + ", which is not in supported_critical_headers");
            }
            if (!header.containsKey(name)) {
                throw critical("crit names " + LogText.quote(name) + ", which the header does not carry");
            }
        }
    }

    private static TokenRefusedException critical(String message) {
        return TokenRefusedException.of(ReasonCode.UNSUPPORTED_CRITICAL_HEADER, message);
    }

    private void checkType(Object typ) throws TokenRefusedException {
        if (requiredType == null) {
            return;
        }
        if (!(typ instanceof String) || !normaliseType((String) typ).equals(requiredType)) {
            throw TokenRefusedException.of(ReasonCode.WRONG_TYPE, (typ == null ? "the header has no typ"
                    : "typ is " + LogText.quote(typ)) + ", required_type is '" + requiredType + "'");
        }
    }

    /** RFC 7515 §4.1.9: media types compare case-insensitively and "application/" may be left out. */
    private static String normaliseType(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith(MEDIA_TYPE_PREFIX) ? lower.substring(MEDIA_TYPE_PREFIX.length()) : lower;
    }

    private String keyId(Map<String, Object> header) throws TokenRefusedException {
        Object kid = header.get("kid");
        if (kid == null && !header.containsKey("kid")) {
            if (!allowMissingKid) {
                throw TokenRefusedException.of(ReasonCode.MISSING_KEY_ID, "the header has no kid and allow_missing_kid is off");
            }
            return null;
        }
        if (!(kid instanceof String)) {
            throw TokenRefusedException.of(ReasonCode.MALFORMED, "kid is " + LogText.quote(kid) + ", not a string");
        }
        String keyId = (String) kid;
        if (keyId.length() > maxKidLength) {
            throw TokenRefusedException.of(ReasonCode.TOO_LARGE,
                    "kid has " + keyId.length() + " chars, max_kid_length is " + maxKidLength);
        }
        return keyId;
    }
}
