package dev.jwkgate.keys.rotation;

import java.util.Base64;

/**
 * How a rotating provider's private keys sit in the database: as plain base64 PKCS#8 (as Keycloak's own
 * generated providers store theirs, keycloak/keycloak#39933), or encrypted under the key-encryption
 * keys of a vault entry.
 */
public final class PrivateKeyStorage {

    private static final PrivateKeyStorage UNENCRYPTED = new PrivateKeyStorage(null);

    private final KeyEncryptionKeyring keyring;

    private PrivateKeyStorage(KeyEncryptionKeyring keyring) {
        this.keyring = keyring;
    }

    public static PrivateKeyStorage unencrypted() {
        return UNENCRYPTED;
    }

    public static PrivateKeyStorage encryptedWith(KeyEncryptionKeyring keyring) {
        return new PrivateKeyStorage(keyring);
    }

    /**
     * The PKCS#8 bytes of a stored key.
     *
     * @throws IllegalStateException naming the key and why it cannot be read (no KEK, another KEK, altered)
     */
    public byte[] pkcs8(ManagedKey key) {
        String stored = key.privateKey();
        if (!SealedPrivateKey.isSealed(stored)) {
            try {
                return Base64.getDecoder().decode(stored);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the stored private key of " + key.kid() + " is not base64");
            }
        }
        SealedPrivateKey sealed = SealedPrivateKey.parse(key.kid(), stored);
        if (keyring == null) {
            throw new IllegalStateException("the private key of " + key.kid() + " is encrypted under key-encryption key "
                    + sealed.kekId() + ", but 'Key encryption key' is not set");
        }
        return keyring.open(key.kid(), sealed);
    }

    /** The key as this storage keeps it at rest; the same instance when it already is. */
    public ManagedKey atRest(ManagedKey key) {
        if (!needsRewrite(key)) {
            return key;
        }
        byte[] pkcs8 = pkcs8(key);
        return key.withPrivateKey(keyring == null ? Base64.getEncoder().encodeToString(pkcs8) : keyring.seal(key.kid(), pkcs8));
    }

    private boolean needsRewrite(ManagedKey key) {
        String stored = key.privateKey();
        if (keyring == null) {
            return SealedPrivateKey.isSealed(stored);
        }
        return !SealedPrivateKey.isSealed(stored) || !SealedPrivateKey.parse(key.kid(), stored).kekId().equals(keyring.current().id());
    }

    /** One line for the admin console. */
    public String describe() {
        return keyring == null
                ? "Private keys at rest: UNENCRYPTED in Keycloak's database (set 'Key encryption key' to encrypt them)"
                : "Private keys at rest: encrypted with AES-256-GCM under key-encryption key " + keyring.current().id();
    }
}
