package dev.jwkgate.source.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for TLS tests, made with the JDK's {@code keytool} at test time (the JDK has no
 * public API to issue a certificate), plus trust stores and SSL contexts built from them in the JVM.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** A PKCS12 store with one EC key pair and a self-signed certificate for localhost and 127.0.0.1. */
    public static Path keyStore(Path dir, String name) throws IOException, InterruptedException {
        return keyStore(dir, name, "dns:localhost,ip:127.0.0.1");
    }

    /** As {@link #keyStore(Path, String)}, for the names in {@code subjectAltNames} (keytool syntax) only. */
    public static Path keyStore(Path dir, String name, String subjectAltNames) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost", "-ext", "SAN=" + subjectAltNames, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + new String(output));
        }
        return store;
    }

    /** A PKCS12 trust store holding the certificate of {@code keyStore}. */
    public static Path trustStoreFor(Path keyStore, Path dir, String name) throws Exception {
        KeyStore source = load(keyStore);
        String alias = source.aliases().nextElement();
        Certificate certificate = source.getCertificate(alias);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(alias, certificate);
        Path file = dir.resolve(name + "-trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** A server context presenting {@code keyStore}; when {@code clientTrust} is given, client certificates are checked against it. */
    public static SSLContext serverContext(Path keyStore, Path clientTrust) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), PASSWORD.toCharArray());
        TrustManagerFactory trust = null;
        if (clientTrust != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(clientTrust));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
