package dev.jwkgate.keycloak.importing;

import dev.jwkgate.keycloak.VaultReference;
import org.keycloak.models.KeycloakSession;

/**
 * Where the private JWK text comes from: the setting itself, or Keycloak's vault when the setting is a
 * {@code ${vault.name}} reference, so the private key need not sit in the database at all.
 */
final class PrivateJwkSource {

    private PrivateJwkSource() {
    }

    static boolean isVaultReference(String value) {
        return VaultReference.isReference(value);
    }

    /** @throws IllegalArgumentException when a vault reference names no secret */
    static String resolve(KeycloakSession session, String value) {
        return VaultReference.isReference(value) ? VaultReference.resolve(session, "Private JWK", value) : value;
    }
}
