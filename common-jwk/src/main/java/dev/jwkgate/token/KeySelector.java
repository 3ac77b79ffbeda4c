package dev.jwkgate.token;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.jws.JwsHeader;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.KeysUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 3: finds the key(s) that may check a token whose header passed. The {@code kid} is an opaque lookup
 * key into the in-memory set only: never a path, query or command, never normalised, and an unknown one
 * never falls back to another key. The key, not the header, decides the algorithm family.
 */
final class KeySelector {

    /** Without a kid, so few keys are tried that a token cannot make us verify against a whole set. */
    static final int MAX_KEYS_WITHOUT_KID = 3;

    private final KeySetSource source;
    private final Set<String> revokedKids;

    KeySelector(KeySetSource source, List<String> revokedKids) {
        this.source = source;
        this.revokedKids = Set.copyOf(revokedKids);
    }

    boolean isRevoked(String kid) {
        return kid != null && revokedKids.contains(kid);
    }

    /** The keys to try, in order: exactly one when the header names a kid, at most three without. */
    List<TrustedKey> candidates(JwsHeader header) throws TokenRefusedException {
        String alg = header.algorithm().jwsName();
        String kid = header.keyId();
        if (kid == null) {
            return candidatesWithoutKid(header);
        }
        if (isRevoked(kid)) {
            throw TokenRefusedException.of(ReasonCode.REVOKED_KEY, "kid " + LogText.quote(kid) + " is on revoked_kids");
        }
        List<TrustedKey> named = current().withKeyId(kid);
        if (named.isEmpty()) {
            named = refreshed(kid).withKeyId(kid);
        }
        if (named.isEmpty()) {
            throw TokenRefusedException.of(ReasonCode.UNKNOWN_KEY, "no key of issuer '" + source.issuer()
                    + "' has kid " + LogText.quote(kid));
        }
        String lastProblem = null;
        for (TrustedKey key : named) {
            if (!key.canVerify(alg)) {
                continue;
            }
            Optional<String> problem = key.whyUnfitFor(header.algorithm());
            if (problem.isEmpty()) {
                return List.of(key);
            }
            lastProblem = problem.get();
        }
        throw TokenRefusedException.of(ReasonCode.KEY_ALGORITHM_MISMATCH, "the key with kid " + LogText.quote(kid)
                + " cannot verify " + alg + ": " + (lastProblem != null ? lastProblem
                        : "it allows only " + allowed(named)));
    }

    private List<TrustedKey> candidatesWithoutKid(JwsHeader header) throws TokenRefusedException {
        String alg = header.algorithm().jwsName();
        List<TrustedKey> candidates = new ArrayList<>(MAX_KEYS_WITHOUT_KID);
        for (TrustedKey key : current().keys()) {
            if (key.canVerify(alg) && !isRevoked(key.keyId()) && key.whyUnfitFor(header.algorithm()).isEmpty()) {
                candidates.add(key);
                if (candidates.size() == MAX_KEYS_WITHOUT_KID) {
                    break;
                }
            }
        }
        if (candidates.isEmpty()) {
            throw TokenRefusedException.of(ReasonCode.UNKNOWN_KEY, "the token has no kid and no usable key of issuer '"
                    + source.issuer() + "' can verify " + alg);
        }
        return candidates;
    }

    private KeySet current() throws TokenRefusedException {
        try {
            return source.current();
        } catch (KeysUnavailableException e) {
            throw unavailable(e);
        }
    }

    private KeySet refreshed(String kid) throws TokenRefusedException {
        try {
            return source.refreshForUnknownKid(kid);
        } catch (KeysUnavailableException e) {
            throw unavailable(e);
        }
    }

    private TokenRefusedException unavailable(KeysUnavailableException e) {
        return TokenRefusedException.of(ReasonCode.KEYS_UNAVAILABLE, "the keys of issuer '" + source.issuer()
                + "' from " + source.location() + " are unavailable: " + e.getMessage());
    }

    private static String allowed(List<TrustedKey> keys) {
        List<String> algs = new ArrayList<>();
        for (TrustedKey key : keys) {
            algs.addAll(key.algorithms());
        }
        algs.sort(null);
        return algs.isEmpty() ? "no JWS algorithm (not a signing key)" : algs.toString();
    }
}
