package dev.jwkgate.leaks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.Key;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Records every secret value a test makes — private key parameters as a JWK or PEM would show them, HMAC
 * secrets, and the signature of every token — so {@link LeakScan} can search the build's logs for those exact
 * values. Exact values find what patterns cannot: a signature logged without its token, a JWK {@code d}
 * logged without its name.
 *
 * <p>Each JVM appends to {@code target/issued-secrets/issued-<pid>.txt} of the module it runs in (one
 * {@code kind<TAB>value} per line). Values too short or too uniform to be told apart from ordinary log text
 * (fewer than 16 characters or 8 distinct ones, e.g. an all-zero signature) are not recorded.
 */
public final class IssuedSecrets {

    /** Where records go, relative to the module directory surefire and failsafe run in. */
    public static final Path DIRECTORY = Path.of("target", "issued-secrets");

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Map<String, String> RECORDED = new ConcurrentHashMap<>();
    private static BufferedWriter out;

    private IssuedSecrets() {
    }

    /** Records the signature of a compact JWS and returns the token unchanged. */
    public static String token(String compact) {
        int dot = compact.lastIndexOf('.');
        if (dot >= 0 && compact.indexOf('.') < dot) {
            record("token signature", compact.substring(dot + 1));
        }
        return compact;
    }

    /** Records a private key's secret parameters (JWK members and PEM body lines) and returns the key. */
    public static <K extends Key> K privateKey(K key) {
        if (key instanceof RSAPrivateCrtKey rsa) {
            for (BigInteger value : new BigInteger[] {rsa.getPrivateExponent(), rsa.getPrimeP(), rsa.getPrimeQ(),
                    rsa.getPrimeExponentP(), rsa.getPrimeExponentQ(), rsa.getCrtCoefficient()}) {
                record("RSA private parameter", B64URL.encodeToString(unsigned(value)));
            }
        } else if (key instanceof RSAPrivateKey rsa) {
            record("RSA private parameter", B64URL.encodeToString(unsigned(rsa.getPrivateExponent())));
        } else if (key instanceof ECPrivateKey ec) {
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            record("EC private key d", B64URL.encodeToString(fixed(ec.getS(), size)));
        } else if (key instanceof EdECPrivateKey ed) {
            ed.getBytes().ifPresent(bytes -> record("EdDSA private key d", B64URL.encodeToString(bytes)));
        }
        if (key != null && "PKCS#8".equals(key.getFormat()) && key.getEncoded() != null) {
            String pem = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
            String[] lines = pem.split("\n");
            // the first line is mostly the algorithm header, shared by every key of the type
            for (int i = 1; i < lines.length; i++) {
                record("PEM private key line", lines[i]);
            }
        }
        return key;
    }

    /** Records an HMAC secret in both base64 alphabets. */
    public static byte[] secret(byte[] secret) {
        record("HMAC secret", B64URL.encodeToString(secret));
        record("HMAC secret", Base64.getEncoder().encodeToString(secret));
        return secret;
    }

    /** The values this JVM recorded, value to kind. */
    static Map<String, String> recordedHere() {
        return Map.copyOf(RECORDED);
    }

    /** Whether a value is distinctive enough to search logs for without false alarms. */
    static boolean distinctive(String value) {
        return value.length() >= 16 && value.chars().distinct().count() >= 8;
    }

    private static void record(String kind, String value) {
        if (!distinctive(value) || RECORDED.putIfAbsent(value, kind) != null) {
            return;
        }
        synchronized (IssuedSecrets.class) {
            try {
                if (out == null) {
                    Files.createDirectories(DIRECTORY);
                    out = Files.newBufferedWriter(DIRECTORY.resolve("issued-" + ProcessHandle.current().pid() + ".txt"),
                            StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                out.write(kind + "\t" + value + "\n");
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record an issued secret", e);
            }
        }
    }

    /** Every value recorded under {@code <module>/target/issued-secrets/} of every module of the project. */
    public static Map<String, String> load(Path project) throws IOException {
        Map<String, String> issued = new ConcurrentHashMap<>();
        try (Stream<Path> modules = Files.list(project)) {
            for (Path dir : modules.map(m -> m.resolve(DIRECTORY)).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                            int tab = line.indexOf('\t');
                            if (tab > 0) {
                                issued.putIfAbsent(line.substring(tab + 1), line.substring(0, tab));
                            }
                        }
                    }
                }
            }
        }
        return issued;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger value, int size) {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[size];
        System.arraycopy(bytes, Math.max(0, bytes.length - size), out, Math.max(0, size - bytes.length),
                Math.min(size, bytes.length));
        return out;
    }
}
