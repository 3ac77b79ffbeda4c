package dev.jwkgate.keycloak.rotation;

import java.time.Duration;
import org.keycloak.models.RealmModel;

/**
 * The longest time a token signed with a realm key stays valid: the bound for how long a retired key
 * must keep verifying. Access and ID tokens share a lifespan; clients may override it.
 */
public final class RealmTokenLifespans {

    /** Client attribute Keycloak reads for a per-client access-token lifespan (seconds). */
    static final String CLIENT_ACCESS_TOKEN_LIFESPAN = "access.token.lifespan";

    private RealmTokenLifespans() {
    }

    public static Duration longest(RealmModel realm) {
        long seconds = Math.max(realm.getAccessTokenLifespan(), realm.getAccessTokenLifespanForImplicitFlow());
        long clients = realm.getClientsStream()
                .map(c -> c.getAttribute(CLIENT_ACCESS_TOKEN_LIFESPAN))
                .mapToLong(RealmTokenLifespans::seconds)
                .max().orElse(0);
        return Duration.ofSeconds(Math.max(seconds, clients));
    }

    private static long seconds(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
