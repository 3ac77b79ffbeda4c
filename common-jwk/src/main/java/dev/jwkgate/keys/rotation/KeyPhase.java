package dev.jwkgate.keys.rotation;

/** Where a rotated key is in its life; after {@link #RETIRED} it is removed. */
public enum KeyPhase {
    /** In the JWKS, passive: gateways learn it before it signs anything. */
    PUBLISHED,
    /** Signs new tokens; exactly one key of a provider is in this phase. */
    ACTIVE,
    /** Replaced; still in the JWKS so tokens it signed keep verifying until the grace ends. */
    RETIRED
}
