package dev.jwkgate.keycloak;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/** A setting written as {@code ${vault.name}}: its value lives in Keycloak's vault, not in the database. */
public final class VaultReference {

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{vault\\.(.+)}$");

    private VaultReference() {
    }

    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value.trim()).matches();
    }

    /** The entry name of a reference ({@code signing_jwk} in {@code ${vault.signing_jwk}}). */
    public static String entryName(String reference) {
        Matcher m = REFERENCE.matcher(reference.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a vault reference");
        }
        return m.group(1);
    }

    /**
     * The secret a reference names, read with the vault of the session's realm.
     *
     * @param setting the setting's label, for the message
     * @throws IllegalArgumentException when the vault does not hold the entry
     */
    public static String resolve(KeycloakSession session, String setting, String reference) {
        try (VaultStringSecret secret = session.vault().getStringSecret(reference.trim())) {
            Optional<String> text = secret.get();
            return text.orElseThrow(() -> new IllegalArgumentException(
                    "'" + setting + "' names vault entry '" + entryName(reference) + "', which the vault does not hold"));
        }
    }
}
