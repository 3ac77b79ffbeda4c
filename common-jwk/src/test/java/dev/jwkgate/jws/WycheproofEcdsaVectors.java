package dev.jwkgate.jws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** The Wycheproof ECDSA P1363 vectors kept as test resources ({@code wycheproof/README.md} says where from). */
final class WycheproofEcdsaVectors {

    /**
     * One test vector.
     *
     * @param publicKeyDer the X.509 encoding of the group's public key
     * @param valid        Wycheproof's {@code result}: true for "valid", false for "invalid" (these files have no
     *                     "acceptable" vectors; {@link #load} refuses one)
     */
    record Vector(String file, int tcId, String comment, byte[] publicKeyDer, byte[] message, byte[] signature,
                  boolean valid) {

        @Override
        public String toString() {
            return file + " tcId " + tcId + " (" + comment + ")";
        }
    }

    static final String P256 = "ecdsa_secp256r1_sha256_p1363_test.json";
    static final String P384 = "ecdsa_secp384r1_sha384_p1363_test.json";
    static final String P521 = "ecdsa_secp521r1_sha512_p1363_test.json";

    private WycheproofEcdsaVectors() {
    }

    @SuppressWarnings("unchecked")
    static List<Vector> load(String file) {
        Map<String, Object> json;
        try (InputStream in = WycheproofEcdsaVectors.class.getResourceAsStream("wycheproof/" + file)) {
            json = JsonUtil.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(file, e);
        }
        HexFormat hex = HexFormat.of();
        List<Vector> vectors = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) json.get("testGroups")) {
            byte[] der = hex.parseHex((String) group.get("publicKeyDer"));
            for (Map<String, Object> test : (List<Map<String, Object>>) group.get("tests")) {
                String result = (String) test.get("result");
                if (!result.equals("valid") && !result.equals("invalid")) {
                    throw new IllegalStateException(file + " has a vector whose result is " + result);
                }
                vectors.add(new Vector(file, ((Number) test.get("tcId")).intValue(), (String) test.get("comment"), der,
                        hex.parseHex((String) test.get("msg")), hex.parseHex((String) test.get("sig")),
                        result.equals("valid")));
            }
        }
        if (vectors.size() != ((Number) json.get("numberOfTests")).intValue()) {
            throw new IllegalStateException(file + ": read " + vectors.size() + " vectors, the file says "
                    + json.get("numberOfTests"));
        }
        return vectors;
    }
}
