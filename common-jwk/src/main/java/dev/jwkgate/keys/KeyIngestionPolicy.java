package dev.jwkgate.keys;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.json.Utf8;
import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which keys of a JWKS may verify signatures. A bad key is dropped and reported; it never
 * takes the good keys of its set down. Only a set that is unreadable, too large, or ambiguous (the same
 * {@code kid} on two usable keys of one key type) is refused as a whole.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyIngestionPolicy {

    /** JWK members that only private or symmetric keys carry (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
    static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private final int maxBytes;
    private final int maxKeys;

    public KeyIngestionPolicy(int maxBytes, int maxKeys) {
        if (maxBytes < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("maxBytes and maxKeys must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxKeys = maxKeys;
    }

    /**
     * @param origin   REMOTE sets that publish private or symmetric material are reported as leaks
     * @param loadedAt the time stamped on the resulting {@link KeySet}
     * @throws KeySetRejectedException when the set as a whole is unacceptable
     */
    public IngestedKeySet ingest(String jwksJson, KeyOrigin origin, Instant loadedAt) throws KeySetRejectedException {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(loadedAt, "loadedAt");
        List<?> entries = keysOf(jwksJson);
        List<TrustedKey> accepted = new ArrayList<>();
        List<KeyRefusal> refusals = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            if (!(entry instanceof Map)) {
                refusals.add(new KeyRefusal(null, null, "keys[" + i + "] is not a JSON object", false));
                continue;
            }
            @SuppressWarnings("unchecked")
            JwkMembers jwk = new JwkMembers((Map<String, Object>) entry);
            String kid = stringOrNull(jwk, "kid");
            String kty = stringOrNull(jwk, "kty");
            KeyRefusal exposed = exposedSecret(jwk, kid, kty, origin);
            if (exposed != null) {
                refusals.add(exposed);
                continue;
            }
            try {
                accepted.add(trust(jwk));
            } catch (JwkProblem problem) {
                refusals.add(new KeyRefusal(kid, kty, problem.getMessage(), false, "enc".equals(stringOrNull(jwk, "use"))));
            }
        }
        requireUniqueKeyIds(accepted);
        return new IngestedKeySet(new KeySet(accepted, loadedAt), refusals);
    }

    private List<?> keysOf(String jwksJson) throws KeySetRejectedException {
        if (jwksJson != null) {
            long bytes = Utf8.length(jwksJson, maxBytes);
            if (bytes > maxBytes) {
                throw new KeySetRejectedException("JWKS has more than max_jwks_bytes (" + maxBytes + ") bytes");
            }
        }
        Map<String, Object> set;
        try {
            set = JwkJson.parseObject(jwksJson, "JWKS");
        } catch (JwkProblem problem) {
            throw new KeySetRejectedException(problem.getMessage());
        }
        Object keys = set.get("keys");
        if (!(keys instanceof List)) {
            throw new KeySetRejectedException("JWKS has no \"keys\" array");
        }
        List<?> entries = (List<?>) keys;
        if (entries.size() > maxKeys) {
            throw new KeySetRejectedException("JWKS has " + entries.size() + " keys, more than max_jwks_keys ("
                    + maxKeys + ")");
        }
        return entries;
    }

    /**
     * Two usable keys of one type under one {@code kid} make the lookup ambiguous, and different verifiers
     * would pick different keys; the same {@code kid} for an RSA and an EC key is fine, the token's {@code alg}
     * tells them apart. Checked among the usable keys only: Keycloak publishes its {@code use: enc} key
     * (RSA-OAEP) beside its signing key, and a key that was dropped can be picked by nobody, so it must not
     * refuse the set (and make every refresh fail) over a kid it shares with the key that verifies. Two usable
     * keys stay refused even when their {@code alg}s differ: one {@code kid} names one key (RFC 7517 §4.5).
     */
    private static void requireUniqueKeyIds(List<TrustedKey> usable) throws KeySetRejectedException {
        Set<List<Object>> seen = new HashSet<>();
        for (TrustedKey key : usable) {
            if (key.keyId() != null && !seen.add(List.of(key.family(), key.keyId()))) {
                throw new KeySetRejectedException("JWKS lists kid " + LogText.quote(key.keyId())
                        + " more than once for kty " + LogText.quote(key.family().kty()));
            }
        }
    }

    /**
     * A verifier needs public keys only. Private members or a symmetric key in a remote set mean the
     * publisher leaked a secret; in local configuration they are a mistake to correct.
     */
    private static KeyRefusal exposedSecret(JwkMembers jwk, String kid, String kty, KeyOrigin origin) {
        boolean remote = origin == KeyOrigin.REMOTE;
        if (KeyFamily.OCT.kty().equals(kty)) {
            String why = remote
                    ? "symmetric key (kty oct) published in a remote JWKS: its secret is exposed, treat it as compromised"
                    : "symmetric key (kty oct): HMAC secrets belong in hmac_secrets, never in a JWKS";
            return new KeyRefusal(kid, kty, why, remote);
        }
        List<String> present = PRIVATE_MEMBERS.stream().filter(jwk::has).collect(Collectors.toList());
        if (present.isEmpty()) {
            return null;
        }
        String members = String.join(", ", present);
        String why = remote
                ? "private key members (" + members + ") published in a remote JWKS: treat the key as compromised"
                : "private key members (" + members + ") present: a verifier needs only the public key, publish only the public part";
        return new KeyRefusal(kid, kty, why, remote);
    }

    private static TrustedKey trust(JwkMembers jwk) throws JwkProblem {
        String kid = jwk.optionalString("kid");
        KeyFamily family = PublicKeyRules.family(jwk);
        KeyUsageRules.requireSignatureUse(jwk, "verify");
        CheckedPublicKey key = PublicKeyRules.check(jwk, family);
        Set<String> algorithms = KeyUsageRules.algorithms(jwk, key).stream()
                .map(JwsAlgorithm::jwsName)
                .collect(Collectors.toSet());
        return new TrustedKey(kid, key.family(), key.curve(), key.key(), algorithms, JwkThumbprint.of(key.key()));
    }

    private static String stringOrNull(JwkMembers jwk, String name) {
        Object value = jwk.asMap().get(name);
        return value instanceof String ? (String) value : null;
    }
}
