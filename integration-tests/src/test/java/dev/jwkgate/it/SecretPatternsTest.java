package dev.jwkgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretPatternsTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSJ9."
            + "c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl";

    @Test
    void findsAWholeSignedToken() {
        assertThat(SecretPatterns.findIn("refused token " + TOKEN)).containsExactly("whole signed token at column 14");
    }

    @Test
    void findsAPrivateJwkMember() {
        assertThat(SecretPatterns.findIn("{\"kty\":\"EC\",\"d\":\"Vs2w3d5d9Kd0x9fWXv2h0dTK2cE5Z3q8rQ\"}"))
                .containsExactly("private JWK member at column 12");
    }

    @Test
    void findsAPemPrivateKey() {
        assertThat(SecretPatterns.findIn("-----BEGIN PRIVATE KEY-----")).hasSize(1);
    }

    @Test
    void ignoresFingerprintsThumbprintsAndPublicMembers() {
        assertThat(SecretPatterns.findIn("TOKEN_REFUSED token=sha256:Ab3dEfGh1jKlMnOp thumbprint=NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
                + " {\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\"}"))
                .isEmpty();
    }
}
