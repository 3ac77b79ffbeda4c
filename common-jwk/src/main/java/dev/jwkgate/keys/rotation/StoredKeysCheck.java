package dev.jwkgate.keys.rotation;

import dev.jwkgate.keys.JwkThumbprint;
import java.security.KeyPair;

/** Whether a stored rotation state may be served: its phases make sense and every key is the key it names. */
public final class StoredKeysCheck {

    private StoredKeysCheck() {
    }

    /**
     * Every key decodes (and decrypts) and the phases make sense: at most one active and one waiting key.
     *
     * @throws IllegalStateException naming the key and the problem, never quoting key material
     */
    public static void requireUsable(RotationState state, PrivateKeyStorage storage) {
        if (state.keys().stream().filter(k -> k.phase() == KeyPhase.ACTIVE).count() > 1
                || state.keys().stream().filter(k -> k.phase() == KeyPhase.PUBLISHED).count() > 1) {
            throw new UnreadableStateException("stored rotation state is unreadable: more than one active or waiting key", true);
        }
        for (ManagedKey key : state.keys()) {
            KeyPair pair = GeneratedKeys.decode(key, storage.pkcs8(key));
            if (!key.kid().equals(JwkThumbprint.of(pair.getPublic()))) {
                throw new UnreadableStateException("stored rotation state is unreadable: key " + key.kid() + " is not named by its RFC 7638 thumbprint", true);
            }
        }
    }
}
