package dev.jwkgate.keycloak.rotation;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keycloak signs a realm's tokens with the active key of the algorithm a client asks for, else of the realm's
 * default signature algorithm (Realm settings → Tokens; RS256 when unset). A rotating provider whose active key
 * has another algorithm publishes keys that sign nothing by default. This says so, once per component and
 * pair of algorithms rather than at every scheduled pass.
 */
final class UnusedAlgorithmWarning {

    /** Keycloak's signature algorithm for a realm that has no default set. */
    static final String KEYCLOAK_DEFAULT = "RS256";

    private final Set<String> given = ConcurrentHashMap.newKeySet();

    /**
     * The warning to log now, or empty: the realm signs with the active key's algorithm by default, or this
     * warning was given already.
     *
     * @param realmDefault the realm's default signature algorithm, or null when unset
     */
    Optional<String> check(String realmName, String realmDefault, String componentId, String activeAlgorithm) {
        return message(realmName, realmDefault, componentId, activeAlgorithm)
                .filter(warning -> given.add(componentId + " " + activeAlgorithm + " " + effective(realmDefault)));
    }

    /** The warning, every time it applies (an admin's save says it at each save). */
    static Optional<String> message(String realmName, String realmDefault, String componentId, String algorithm) {
        String realmAlgorithm = effective(realmDefault);
        if (realmAlgorithm.equals(algorithm)) {
            return Optional.empty();
        }
        return Optional.of(String.format("jwkgate-key-rotation realm=%s component=%s: the active key is %s, but the realm"
                        + " signs with %s by default, so this provider's keys sign only for clients that ask for %s."
                        + " To sign the realm's tokens with them, set Realm settings -> Tokens -> Default signature"
                        + " algorithm to %s.", realmName, componentId, algorithm, realmAlgorithm, algorithm, algorithm));
    }

    private static String effective(String realmDefault) {
        return realmDefault == null || realmDefault.isBlank() ? KEYCLOAK_DEFAULT : realmDefault;
    }
}
