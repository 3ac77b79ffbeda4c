package dev.jwkgate.jws;

/** JWK {@code kty} families; the family, never the token header, decides which algorithms a key may verify. */
public enum KeyFamily {
    RSA("RSA"),
    EC("EC"),
    OKP("OKP"),
    /** Symmetric (HMAC) secrets; only ever from explicit configuration, never from a JWKS. */
    OCT("oct");

    private final String kty;

    KeyFamily(String kty) {
        this.kty = kty;
    }

    public String kty() {
        return kty;
    }
}
