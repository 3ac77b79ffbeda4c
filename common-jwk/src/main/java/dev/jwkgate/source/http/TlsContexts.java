package dev.jwkgate.source.http;

import dev.jwkgate.config.ConfigException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} for JWKS and discovery requests from {@code trust_store_*} and
 * {@code client_key_store_*}; without them the JVM's defaults apply.
 */
public final class TlsContexts {

    /**
     * A key store file as configured.
     *
     * @param setting  the setting that names the file, for messages
     * @param file     its path, or null when not configured
     * @param type     the key store type (PKCS12, JKS)
     * @param password null when none; never shown
     */
    public record Store(String setting, String file, String type, String password) {

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Store[" + setting + "=" + file + ", type=" + type + "]";
        }
    }

    private TlsContexts() {
    }

    /** The context to use, or null for the JVM default (no custom trust store, no client certificate). */
    public static SSLContext build(Store trustStore, Store clientKeyStore) {
        String trustFile = trustStore.file();
        String clientFile = clientKeyStore.file();
        if (trustFile == null && clientFile == null) {
            return null;
        }
        TrustManager[] trust = null; // null: the JVM's default trust managers
        KeyManager[] keys = null;
        if (trustFile != null) {
            KeyStore store = load(trustStore);
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trust = factory.getTrustManagers();
            } catch (Exception e) {
                throw new ConfigException("trust_store_file: unusable as a trust store (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (clientFile != null) {
            String password = clientKeyStore.password();
            KeyStore store = load(clientKeyStore);
            try {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, password == null ? new char[0] : password.toCharArray());
                keys = factory.getKeyManagers();
            } catch (Exception e) {
                // the message of a wrong key password can name the alias, never the password; still, keep it out
                throw new ConfigException("client_key_store_file: the client key cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new ConfigException("trust_store_file: TLS context cannot be built (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyStore load(Store configured) {
        try (InputStream in = Files.newInputStream(Path.of(configured.file()))) {
            KeyStore store = KeyStore.getInstance(configured.type());
            store.load(in, configured.password() == null ? null : configured.password().toCharArray());
            return store;
        } catch (Exception e) {
            // the exception class says enough (NoSuchFile, wrong password as IOException); no path tricks, no password
            throw new ConfigException(configured.setting() + ": cannot be read as a " + configured.type() + " store ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
