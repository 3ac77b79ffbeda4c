package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keycloak.KeyWrappers;
import dev.jwkgate.keycloak.ProviderSettings;
import dev.jwkgate.keys.rotation.GeneratedKeys;
import dev.jwkgate.keys.rotation.KeyPhase;
import dev.jwkgate.keys.rotation.ManagedKey;
import dev.jwkgate.keys.rotation.PrivateKeyStorage;
import dev.jwkgate.keys.rotation.RotationState;
import dev.jwkgate.keys.rotation.RotationStateCodec;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;

/** Serves the keys of one rotating provider component, in the phases its stored state says. */
public final class RotatingKeyProvider implements KeyProvider {

    /**
     * Keycloak creates providers about once per request; the decoded keys are kept as a note on the
     * cached component, which lives until the component (or its realm) changes.
     */
    private static final String NOTE = RotatingKeyProvider.class.getName() + ".keys";

    private final List<KeyWrapper> keys;

    /**
     * @throws IllegalStateException when the stored state or a key cannot be read (unreadable state, a
     *         missing or wrong key-encryption key). Keycloak then logs "Failed to load provider" with this
     *         message at ERROR and serves the realm's other keys; the stored state is left as it is.
     */
    public RotatingKeyProvider(KeycloakSession session, ComponentModel model) {
        List<KeyWrapper> cached = model.getNote(NOTE);
        if (cached == null) {
            cached = load(session, model);
            model.setNote(NOTE, cached);
        }
        this.keys = cached;
    }

    @Override
    public Stream<KeyWrapper> getKeysStream() {
        return keys.stream();
    }

    static List<KeyWrapper> load(KeycloakSession session, ComponentModel model) {
        try {
            RotationState state = RotationStateCodec.read(model.get(RotatingKeyProviderFactory.STATE));
            PrivateKeyStorage storage = RotatingKeyProviderFactory.storage(session, model);
            KeyStatus provider = ProviderSettings.providerStatus(model);
            List<KeyWrapper> out = new ArrayList<>();
            for (ManagedKey key : state.keys()) {
                KeyPair pair = GeneratedKeys.decode(key, storage.pkcs8(key));
                KeyWrapper wrapper = KeyWrappers.signingKey(model, key.kid(), key.algorithm(), KeycloakKeyForm.keyType(key.algorithm()),
                        KeycloakKeyForm.curve(key.algorithm()), pair.getPrivate(), pair.getPublic(), status(provider, key.phase()));
                wrapper.setCertificate(KeycloakKeyForm.certificate(key));
                out.add(wrapper);
            }
            return List.copyOf(out);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalStateException("jwkgate-rotating provider '" + model.getName() + "' serves no keys: " + e.getMessage(), e);
        }
    }

    /** Only the active key signs, and only while the provider itself is active; others verify while enabled. */
    static KeyStatus status(KeyStatus provider, KeyPhase phase) {
        if (provider == KeyStatus.DISABLED) {
            return KeyStatus.DISABLED;
        }
        return phase == KeyPhase.ACTIVE && provider == KeyStatus.ACTIVE ? KeyStatus.ACTIVE : KeyStatus.PASSIVE;
    }
}
