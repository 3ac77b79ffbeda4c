package dev.jwkgate.keycloak.importing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * Where the private JWK text comes from: the setting itself, or Keycloak's vault when the setting is a
 * {@code ${vault.name}} reference, so the private key need not sit in the database at all.
 */
final class PrivateJwkSource {

    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\.(.+)}$");

    private PrivateJwkSource() {
    }

    static boolean isVaultReference(String value) {
        return value != null && VAULT_REFERENCE.matcher(value.trim()).matches();
    }

    /** @throws IllegalArgumentException when a vault reference names no secret */
    static String resolve(KeycloakSession session, String value) {
        Matcher vault = VAULT_REFERENCE.matcher(value.trim());
        if (!vault.matches()) {
            return value;
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(value.trim())) {
            Optional<String> text = secret.get();
            return text.orElseThrow(() -> new IllegalArgumentException(
                    "'Private JWK' names vault entry '" + vault.group(1) + "', which the vault does not hold"));
        }
    }
}
