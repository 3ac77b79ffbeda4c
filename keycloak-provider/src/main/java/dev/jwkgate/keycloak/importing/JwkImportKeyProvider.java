package dev.jwkgate.keycloak.importing;

import dev.jwkgate.keycloak.KeyWrappers;
import dev.jwkgate.keycloak.ProviderSettings;
import dev.jwkgate.keys.signing.ImportedSigningKey;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;

/** Serves the one imported key of a {@link JwkImportKeyProviderFactory} component. */
public final class JwkImportKeyProvider implements KeyProvider {

    /**
     * Keycloak creates providers about once per request: the checked key is kept as a note on the cached
     * component, so the import and its self-test run once per component version, not per request.
     */
    private static final String NOTE = JwkImportKeyProvider.class.getName() + ".key";

    private final KeyWrapper key;

    JwkImportKeyProvider(KeycloakSession session, ComponentModel model) {
        KeyWrapper cached = model.getNote(NOTE);
        if (cached == null) {
            cached = load(session, model);
            model.setNote(NOTE, cached);
        }
        this.key = cached;
    }

    @Override
    public Stream<KeyWrapper> getKeysStream() {
        return Stream.of(key);
    }

    private static KeyWrapper load(KeycloakSession session, ComponentModel model) {
        ImportedSigningKey imported = JwkImportKeyProviderFactory.importKey(session, model);
        return KeyWrappers.signingKey(model, imported.keyId(), imported.algorithm(), imported.family().kty(),
                imported.curve(), imported.privateKey(), imported.publicKey(), ProviderSettings.providerStatus(model));
    }
}
