package dev.jwkgate.keys.rotation;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key-encryption keys a vault entry holds: one or more base64 AES-256 keys separated by white space.
 * The first encrypts; every one decrypts. To change the KEK, put the new key first and keep the old one
 * after it until the next scheduled pass has re-encrypted every stored key under the new one.
 */
public final class KeyEncryptionKeyring {

    private final List<KeyEncryptionKey> keys;
    private final Map<String, KeyEncryptionKey> byId = new LinkedHashMap<>();

    private KeyEncryptionKeyring(List<KeyEncryptionKey> keys) {
        this.keys = List.copyOf(keys);
        keys.forEach(k -> byId.putIfAbsent(k.id(), k));
    }

    /**
     * @param entryName the vault entry, for messages
     * @throws IllegalArgumentException naming the entry and what is wrong, never quoting its value
     */
    public static KeyEncryptionKeyring parse(String entryName, String vaultValue) {
        List<KeyEncryptionKey> keys = new ArrayList<>();
        String[] tokens = vaultValue == null ? new String[0] : vaultValue.trim().split("\\s+");
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = (token.indexOf('-') >= 0 || token.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(token);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(problem(entryName, "key " + (keys.size() + 1) + " is not base64"));
            }
            if (bytes.length != KeyEncryptionKey.KEY_BYTES) {
                throw new IllegalArgumentException(problem(entryName, "key " + (keys.size() + 1) + " has " + bytes.length + " bytes, not 32"));
            }
            keys.add(new KeyEncryptionKey(bytes));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(problem(entryName, "it is empty"));
        }
        return new KeyEncryptionKeyring(keys);
    }

    private static String problem(String entryName, String what) {
        return "'Key encryption key' vault entry '" + entryName + "' must hold one or more base64 AES-256 keys (32 bytes each, "
                + "separated by spaces, the first encrypts): " + what;
    }

    /** The KEK new writes encrypt under. */
    public KeyEncryptionKey current() {
        return keys.get(0);
    }

    /** Encrypts a plain PKCS#8 key under the current KEK. */
    public String seal(String kid, byte[] pkcs8) {
        return current().seal(kid, pkcs8);
    }

    /** @throws IllegalStateException when no KEK of the ring encrypted it, or it does not decrypt */
    public byte[] open(String kid, SealedPrivateKey sealed) {
        KeyEncryptionKey kek = byId.get(sealed.kekId());
        if (kek == null) {
            throw new IllegalStateException("the private key of " + kid + " is encrypted under key-encryption key " + sealed.kekId()
                    + ", which the vault entry does not hold (it holds " + String.join(", ", byId.keySet()) + ")");
        }
        return kek.open(kid, sealed);
    }
}
