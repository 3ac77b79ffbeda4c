package dev.jwkgate.jws;

import static dev.jwkgate.jws.EcdsaTestInputs.encode;
import static dev.jwkgate.jws.EcdsaTestInputs.keyPair;
import static dev.jwkgate.jws.EcdsaTestInputs.randomBytes;
import static dev.jwkgate.jws.EcdsaTestInputs.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.TokenRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * jwkgate's ES256/ES384/ES512 verdicts against the ECDSA of a JDK of release 25 or later ({@link SecondJdk}),
 * which is right where JDK 17's is not, run in its own process ({@link JdkEcdsaVerdicts}) on exactly the same
 * inputs. Where the signature has the algorithm's exact length the verdicts must be equal; any other length
 * jwkgate refuses (RFC 7518 §3.4), whatever the JDK says — its P1363 decoder accepts shorter encodings.
 */
class EcdsaSecondJdkDifferentialTest {

    /** One input and the algorithm names both sides need. */
    private record Case(String label, String alg, String digest, String crv, int length, PublicKey key,
                        byte[] message, byte[] signature) {

        String jcaName() {
            return EcdsaTestInputs.jcaName(digest);
        }
    }

    private static final String[][] CURVES = {
        // alg, digest, crv, JDK name, signature length, Wycheproof file
        {"ES256", "SHA-256", "P-256", "secp256r1", "64", WycheproofEcdsaVectors.P256},
        {"ES384", "SHA-384", "P-384", "secp384r1", "96", WycheproofEcdsaVectors.P384},
        {"ES512", "SHA-512", "P-521", "secp521r1", "132", WycheproofEcdsaVectors.P521},
    };

    private final Random random = new Random(521);

    @Test
    void agreesOnEveryWycheproofVectorOfTheExactLengthAndRefusesTheOthers() throws Exception {
        Path java = SecondJdk.javaOrSkip();
        List<Case> cases = new ArrayList<>();
        for (String[] curve : CURVES) {
            Map<String, PublicKey> keys = new HashMap<>();
            for (WycheproofEcdsaVectors.Vector vector : WycheproofEcdsaVectors.load(curve[5])) {
                PublicKey key = keys.computeIfAbsent(HexFormat.of().formatHex(vector.publicKeyDer()),
                        der -> publicKey(vector.publicKeyDer()));
                cases.add(new Case(vector.toString(), curve[0], curve[1], curve[2], Integer.parseInt(curve[4]), key,
                        vector.message(), vector.signature()));
            }
        }

        assertThat(cases).hasSizeGreaterThan(850);
        assertThat(disagreements(java, cases)).isEmpty();
    }

    @Test
    void agreesOnARandomSignaturePerCurveAndEveryOneBitFlipOfIt() throws Exception {
        Path java = SecondJdk.javaOrSkip();
        List<Case> cases = new ArrayList<>();
        for (String[] curve : CURVES) {
            KeyPair pair = keyPair(curve[3]);
            byte[] message = randomBytes(random, 1 + random.nextInt(200));
            byte[] signature = sign(curve[1], pair, message);
            cases.add(new Case(curve[0] + " valid", curve[0], curve[1], curve[2], signature.length, pair.getPublic(),
                    message, signature));
            for (int bit = 0; bit < signature.length * 8; bit++) {
                byte[] flipped = signature.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                cases.add(new Case(curve[0] + " bit " + bit, curve[0], curve[1], curve[2], signature.length,
                        pair.getPublic(), message, flipped));
            }
        }

        assertThat(disagreements(java, cases)).isEmpty();
    }

    @Test
    void agreesOnROrSAtAndBeyondTheEdgesOfTheRange() throws Exception {
        Path java = SecondJdk.javaOrSkip();
        List<Case> cases = new ArrayList<>();
        for (String[] curve : CURVES) {
            KeyPair pair = keyPair(curve[3]);
            BigInteger n = ((ECPublicKey) pair.getPublic()).getParams().getOrder();
            byte[] message = randomBytes(random, 40);
            byte[] signature = sign(curve[1], pair, message);
            int half = signature.length / 2;
            BigInteger r = new BigInteger(1, signature, 0, half);
            BigInteger s = new BigInteger(1, signature, half, half);
            BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, n.subtract(BigInteger.ONE), n, n.add(BigInteger.ONE)};
            for (BigInteger edge : edges) {
                cases.add(new Case(curve[0] + " r=" + edge, curve[0], curve[1], curve[2], signature.length,
                        pair.getPublic(), message, encode(edge, s, half)));
                cases.add(new Case(curve[0] + " s=" + edge, curve[0], curve[1], curve[2], signature.length,
                        pair.getPublic(), message, encode(r, edge, half)));
            }
            cases.add(new Case(curve[0] + " high s", curve[0], curve[1], curve[2], signature.length,
                    pair.getPublic(), message, encode(r, n.subtract(s), half)));
        }

        assertThat(disagreements(java, cases)).isEmpty();
    }

    // ---- the comparison ----

    private static List<String> disagreements(Path java, List<Case> cases) throws Exception {
        List<Boolean> theirs = jdkVerdicts(java, cases);
        List<String> wrong = new ArrayList<>();
        Map<PublicKey, Key> trusted = new IdentityHashMap<>(); // one prepared key per key, as a key set keeps it
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            boolean ours = jwkgateVerdict(c, trusted.computeIfAbsent(c.key(),
                    key -> new TrustedKey("k", KeyFamily.EC, c.crv(), key, Set.of(c.alg()), "thumbprint").key()));
            if (c.signature().length != c.length()) {
                if (ours) {
                    wrong.add(c.label() + ": jwkgate accepted a signature of " + c.signature().length + " bytes");
                }
            } else if (ours != theirs.get(i)) {
                wrong.add(c.label() + ": jwkgate " + ours + ", JDK " + theirs.get(i));
            }
        }
        return wrong;
    }

    private static boolean jwkgateVerdict(Case c, Key trusted) {
        EcdsaSignatureCheck check = new EcdsaSignatureCheck(c.alg(), c.digest(), c.length());
        try {
            return check.verifies(trusted, c.message(), c.message().length, c.signature());
        } catch (TokenRefusedException | GeneralSecurityException refused) {
            return false;
        }
    }

    /** Runs {@link JdkEcdsaVerdicts} in the second JDK over every case. */
    private static List<Boolean> jdkVerdicts(Path java, List<Case> cases) throws Exception {
        String classes = Path.of(JdkEcdsaVerdicts.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        // a short-lived process: C1 alone compiles the JDK's EC arithmetic sooner and halves its CPU time
        Process process = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp", classes,
                JdkEcdsaVerdicts.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        HexFormat hex = HexFormat.of();
        try (OutputStream in = process.getOutputStream()) {
            for (Case c : cases) {
                String message = c.message().length == 0 ? "-" : hex.formatHex(c.message());
                in.write((c.jcaName() + " " + hex.formatHex(c.key().getEncoded()) + " " + message + " "
                        + hex.formatHex(c.signature()) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the second JDK finished").isTrue();
        assertThat(process.exitValue()).as("the second JDK's exit status").isZero();
        String[] lines = output.get().split("\n");
        assertThat(Integer.parseInt(lines[0].substring("feature ".length()))).as("the second JDK's release")
                .isGreaterThanOrEqualTo(25);
        assertThat(lines).hasSize(cases.size() + 1);
        List<Boolean> verdicts = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            verdicts.add(Boolean.parseBoolean(lines[i].trim()));
        }
        return verdicts;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- inputs ----

    private static PublicKey publicKey(byte[] x509) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }





}
