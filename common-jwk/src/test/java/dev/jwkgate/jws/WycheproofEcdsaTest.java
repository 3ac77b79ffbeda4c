package dev.jwkgate.jws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.TokenRefusedException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ES256, ES384 and ES512 against every Wycheproof ECDSA P1363 vector of their curve and hash: jwkgate accepts
 * exactly the "valid" ones, on whatever JDK runs the tests (JDK 17's own ECDSA refuses two valid vectors per
 * curve, whose k·G has an x-coordinate of n or more).
 */
class WycheproofEcdsaTest {

    @Test
    void es256AcceptsExactlyTheValidP256Sha256Vectors() throws Exception {
        assertThat(disagreements(WycheproofEcdsaVectors.P256, "ES256", "SHA-256", 64, "P-256")).isEmpty();
    }

    @Test
    void es384AcceptsExactlyTheValidP384Sha384Vectors() throws Exception {
        assertThat(disagreements(WycheproofEcdsaVectors.P384, "ES384", "SHA-384", 96, "P-384")).isEmpty();
    }

    @Test
    void es512AcceptsExactlyTheValidP521Sha512Vectors() throws Exception {
        assertThat(disagreements(WycheproofEcdsaVectors.P521, "ES512", "SHA-512", 132, "P-521")).isEmpty();
    }

    @Test
    void acceptsTheValidSignaturesWhoseKgHasAnXOfNOrMore() throws Exception {
        // the vectors JDK 17's ECDSA gets wrong, named so that a renumbered file cannot silently drop them
        List<String> found = new ArrayList<>();
        for (String[] file : new String[][] {
                {WycheproofEcdsaVectors.P256, "ES256", "SHA-256", "64", "P-256"},
                {WycheproofEcdsaVectors.P384, "ES384", "SHA-384", "96", "P-384"},
                {WycheproofEcdsaVectors.P521, "ES512", "SHA-512", "132", "P-521"}}) {
            EcdsaSignatureCheck check = new EcdsaSignatureCheck(file[1], file[2], Integer.parseInt(file[3]));
            for (WycheproofEcdsaVectors.Vector vector : WycheproofEcdsaVectors.load(file[0])) {
                if (vector.comment().equals("k*G has a large x-coordinate")
                        || vector.comment().endsWith("is the smallest possible x with a reduction")) {
                    assertThat(vector.valid()).as(vector.toString()).isTrue();
                    assertThat(verdict(check, trusted(vector, file[1], file[4]), vector)).as(vector.toString()).isTrue();
                    found.add(file[1]);
                }
            }
        }
        assertThat(found).containsExactly("ES256", "ES256", "ES384", "ES384", "ES512", "ES512");
    }

    private static List<String> disagreements(String file, String alg, String digest, int length, String crv)
            throws GeneralSecurityException {
        EcdsaSignatureCheck check = new EcdsaSignatureCheck(alg, digest, length);
        List<WycheproofEcdsaVectors.Vector> vectors = WycheproofEcdsaVectors.load(file);
        assertThat(vectors).hasSizeGreaterThan(250);
        List<String> wrong = new ArrayList<>();
        Map<String, Key> trusted = new HashMap<>(); // one prepared key per test group, as a key set keeps it
        for (WycheproofEcdsaVectors.Vector vector : vectors) {
            Key key = trusted.computeIfAbsent(HexFormat.of().formatHex(vector.publicKeyDer()), der -> trusted(vector, alg, crv));
            if (verdict(check, key, vector) != vector.valid()) {
                wrong.add(vector + (vector.valid() ? " refused" : " accepted"));
            }
        }
        return wrong;
    }

    /** jwkgate's verdict; a refusal of the encoding or the key counts as false. */
    static boolean verdict(EcdsaSignatureCheck check, Key key, WycheproofEcdsaVectors.Vector vector) {
        try {
            return check.verifies(key, vector.message(), vector.message().length, vector.signature());
        } catch (TokenRefusedException | GeneralSecurityException refused) {
            return false;
        }
    }

    static Key trusted(WycheproofEcdsaVectors.Vector vector, String alg, String crv) {
        try {
            Key key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(vector.publicKeyDer()));
            return new TrustedKey("k", KeyFamily.EC, crv, key, Set.of(alg), "thumbprint").key();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(vector.toString(), e);
        }
    }
}
