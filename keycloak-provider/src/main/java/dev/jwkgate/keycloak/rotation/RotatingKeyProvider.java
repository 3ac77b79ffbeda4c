package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keycloak.KeyWrappers;
import dev.jwkgate.keycloak.ProviderSettings;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;

/** Serves the keys of one rotating provider component, in the phases its stored state says. */
public final class RotatingKeyProvider implements KeyProvider {

    /**
     * Keycloak creates providers about once per request; the decoded keys are kept as a note on the
     * cached component, which lives until the component (or its realm) changes.
     */
    private static final String NOTE = RotatingKeyProvider.class.getName() + ".keys";

    private final List<KeyWrapper> keys;

    public RotatingKeyProvider(ComponentModel model) {
        List<KeyWrapper> cached = model.getNote(NOTE);
        if (cached == null) {
            cached = load(model);
            model.setNote(NOTE, cached);
        }
        this.keys = cached;
    }

    @Override
    public Stream<KeyWrapper> getKeysStream() {
        return keys.stream();
    }

    static List<KeyWrapper> load(ComponentModel model) {
        RotationState state = RotationStateCodec.read(model.get(RotatingKeyProviderFactory.STATE));
        KeyStatus provider = ProviderSettings.providerStatus(model);
        List<KeyWrapper> out = new ArrayList<>();
        for (ManagedKey key : state.keys()) {
            KeyPair pair = GeneratedKeys.decode(key);
            out.add(KeyWrappers.signingKey(model, key.kid(), key.algorithm(), GeneratedKeys.keycloakKeyType(key.algorithm()),
                    GeneratedKeys.curve(key.algorithm()), pair.getPrivate(), pair.getPublic(), status(provider, key.phase())));
        }
        return List.copyOf(out);
    }

    /** Only the active key signs, and only while the provider itself is active; others verify while enabled. */
    static KeyStatus status(KeyStatus provider, KeyPhase phase) {
        if (provider == KeyStatus.DISABLED) {
            return KeyStatus.DISABLED;
        }
        return phase == KeyPhase.ACTIVE && provider == KeyStatus.ACTIVE ? KeyStatus.ACTIVE : KeyStatus.PASSIVE;
    }
}
