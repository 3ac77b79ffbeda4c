package dev.jwkgate.keycloak;

import java.security.PrivateKey;
import java.security.PublicKey;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;

/** Turns a parsed signing key into the {@link KeyWrapper} Keycloak signs with and publishes. */
public final class KeyWrappers {

    private KeyWrappers() {
    }

    /**
     * @param keyType Keycloak's key type: {@link KeyType#RSA}, {@link KeyType#EC} or {@link KeyType#OKP}
     * @param curve   P-256/P-384/P-521 or Ed25519/Ed448; null for RSA
     */
    public static KeyWrapper signingKey(ComponentModel model, String kid, String algorithm, String keyType,
                                        String curve, PrivateKey privateKey, PublicKey publicKey, KeyStatus status) {
        KeyWrapper key = new KeyWrapper();
        // the component id, as Keycloak's own providers set it: the admin keys list links keys to providers by it
        key.setProviderId(model.getId());
        key.setProviderPriority(ProviderSettings.priority(model));
        key.setKid(kid);
        key.setAlgorithm(algorithm);
        key.setType(keyType);
        key.setCurve(curve);
        key.setUse(KeyUse.SIG);
        key.setStatus(status);
        key.setPrivateKey(privateKey);
        key.setPublicKey(publicKey);
        return key;
    }
}
