package dev.jwkgate.keys;

/** Where a key set came from; remote sets get the strictest policy (no secrets, no private members). */
public enum KeyOrigin {
    /** Fetched over the network (jwks_uri, discovery). */
    REMOTE,
    /** Given in local configuration (jwks, jwks_file). */
    LOCAL
}
