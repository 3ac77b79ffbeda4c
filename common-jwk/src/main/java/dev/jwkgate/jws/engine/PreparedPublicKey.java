package dev.jwkgate.jws.engine;

import java.security.Key;
import java.security.PublicKey;

/**
 * A JDK public key kept together with what a faster signature engine precomputed from it once, when the key
 * entered a key set ({@link Ed25519PublicKey}, {@link EcdsaPublicKey}). In every respect but that cache it is the
 * JDK key it wraps — algorithm, X.509 encoding, equality, serialized form — so the JCA, jose4j and the
 * thumbprint code treat it as that key, and it never prints key material.
 *
 * @param <K> the JDK key's type
 */
abstract class PreparedPublicKey<K extends PublicKey> implements PublicKey {

    private static final long serialVersionUID = 1L;

    /** The key as the JDK built it. */
    final K jdkKey;
    private final String description;

    PreparedPublicKey(K jdkKey, String description) {
        this.jdkKey = jdkKey;
        this.description = description;
    }

    @Override
    public final String getAlgorithm() {
        return jdkKey.getAlgorithm();
    }

    @Override
    public final String getFormat() {
        return jdkKey.getFormat();
    }

    @Override
    public final byte[] getEncoded() {
        return jdkKey.getEncoded();
    }

    /** Equal to any key with the same X.509 encoding, as the JDK's own keys are. */
    @Override
    public final boolean equals(Object other) {
        if (other instanceof PreparedPublicKey) {
            return jdkKey.equals(((PreparedPublicKey<?>) other).jdkKey);
        }
        return other instanceof Key && jdkKey.equals(other);
    }

    @Override
    public final int hashCode() {
        return jdkKey.hashCode();
    }

    /** Names the kind of key, never its material. */
    @Override
    public final String toString() {
        return description;
    }

    /** Serialized as the JDK key: the precomputed part is a cache, rebuilt when the key is trusted again. */
    protected final Object writeReplace() {
        return jdkKey;
    }
}
