package dev.jwkgate.jws;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * The JDK's ECDSA verdicts, run by {@link EcdsaSecondJdkDifferentialTest} in another JDK: reads lines
 * {@code <JCA algorithm> <X.509 key hex> <message hex> <signature hex>} ({@code -} for an empty message) from
 * standard input and answers each with {@code true} or {@code false} (the JDK threw: false). The first line of
 * output is {@code feature <the JDK's feature version>}.
 */
public final class JdkEcdsaVerdicts {

    private JdkEcdsaVerdicts() {
    }

    public static void main(String[] args) throws Exception {
        HexFormat hex = HexFormat.of();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        out.println("feature " + Runtime.version().feature());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        KeyFactory keys = KeyFactory.getInstance("EC");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] fields = line.split(" ");
            PublicKey key = keys.generatePublic(new X509EncodedKeySpec(hex.parseHex(fields[1])));
            boolean verified;
            try {
                Signature verifier = Signature.getInstance(fields[0]);
                verifier.initVerify(key);
                verifier.update(fields[2].equals("-") ? new byte[0] : hex.parseHex(fields[2]));
                verified = verifier.verify(hex.parseHex(fields[3]));
            } catch (GeneralSecurityException e) {
                verified = false;
            }
            out.println(verified);
        }
        out.flush();
    }
}
