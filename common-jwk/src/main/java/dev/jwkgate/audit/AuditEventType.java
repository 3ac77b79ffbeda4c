package dev.jwkgate.audit;

/** What happened; each type names the attributes it carries. */
public enum AuditEventType {
    /** A key set was (re)loaded. Attributes: {@code keys}, {@code added}, {@code removed} (kid lists). */
    KEY_SET_LOADED,
    /**
     * A key was dropped at ingestion. Attributes: {@code kid}, {@code kty}, {@code why}, {@code leak} (true when
     * private material was published), and {@code encryption_key} (true, only for a key published for encryption,
     * reported once per kid).
     */
    KEY_REFUSED,
    /** A fetch of the JWKS or discovery document failed. Attributes: {@code why}. */
    FETCH_FAILED,
    /** Fetches fail and the last good set is served. Attributes: {@code since}. */
    SOURCE_STALE,
    /** A stale or unavailable source loaded a good set again. */
    SOURCE_RECOVERED,
    /** No usable set is left. Attributes: {@code why}. */
    SOURCE_UNAVAILABLE,
    /** A token named a kid the set lacks. Attributes: {@code kid}, {@code refreshed} (whether a refresh was allowed). */
    UNKNOWN_KID,
    /** A token was refused. Attributes: {@code reason}, {@code message}, {@code token} (fingerprint only). */
    TOKEN_REFUSED
}
