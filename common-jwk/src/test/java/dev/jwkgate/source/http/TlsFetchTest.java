package dev.jwkgate.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.SourceSettings;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import dev.jwkgate.source.support.TestCertificates;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to a JWKS endpoint with a self-signed certificate: untrusted by default, trusted through trust_store_*. */
class TlsFetchTest {

    private static final String JWKS = "{\"keys\":[]}";

    @TempDir
    static Path dir;

    private static Path serverKeys;
    private static Path serverTrust;
    private static Path clientKeys;
    private static LoopbackServer https;
    private static LoopbackServer mutualTls;

    @BeforeAll
    static void startServers() throws Exception {
        serverKeys = TestCertificates.keyStore(dir, "server");
        serverTrust = TestCertificates.trustStoreFor(serverKeys, dir, "server");
        clientKeys = TestCertificates.keyStore(dir, "client");
        Path clientTrust = TestCertificates.trustStoreFor(clientKeys, dir, "client");
        https = LoopbackServer.https(TestCertificates.serverContext(serverKeys, null));
        https.respond("/jwks", Response.json(JWKS));
        mutualTls = LoopbackServer.httpsWithClientCertificates(TestCertificates.serverContext(serverKeys, clientTrust));
        mutualTls.respond("/jwks", Response.json(JWKS));
    }

    @AfterAll
    static void stopServers() {
        https.close();
        mutualTls.close();
    }

    private static JwkGateConfig.Builder config(LoopbackServer server) {
        // generous timeouts: a TLS handshake on a loaded machine must not pass for a certificate problem
        return JwkGateConfig.builder().issuer("https://issuer.example").jwksUri(server.uri("/jwks").toString())
                .set(dev.jwkgate.config.Setting.HTTP_CONNECT_TIMEOUT_MS, 10_000)
                .set(dev.jwkgate.config.Setting.HTTP_TIMEOUT_MS, 20_000);
    }

    @Test
    void refusesASelfSignedCertificateByDefault() {
        JsonDocumentFetcher fetcher = SourceSettings.fetcher(config(https).build());

        assertThatThrownBy(() -> fetcher.fetch(https.uri("/jwks")))
                .isInstanceOf(FetchException.class)
                .hasMessageStartingWith("TLS failure");
    }

    @Test
    void trustsTheCertificateInTheConfiguredTrustStore() throws Exception {
        JsonDocumentFetcher fetcher = SourceSettings.fetcher(config(https)
                .set(Setting.TRUST_STORE_FILE, serverTrust.toString())
                .set(Setting.TRUST_STORE_PASSWORD, TestCertificates.PASSWORD)
                .build());

        assertThat(fetcher.fetch(https.uri("/jwks")).body()).isEqualTo(JWKS);
    }

    @Test
    void presentsTheConfiguredClientCertificate() throws Exception {
        JsonDocumentFetcher fetcher = SourceSettings.fetcher(config(mutualTls)
                .set(Setting.TRUST_STORE_FILE, serverTrust.toString())
                .set(Setting.TRUST_STORE_PASSWORD, TestCertificates.PASSWORD)
                .set(Setting.CLIENT_KEY_STORE_FILE, clientKeys.toString())
                .set(Setting.CLIENT_KEY_STORE_PASSWORD, TestCertificates.PASSWORD)
                .build());

        assertThat(fetcher.fetch(mutualTls.uri("/jwks")).body()).isEqualTo(JWKS);
    }

    @Test
    void failsWithoutTheClientCertificateTheServerDemands() {
        JsonDocumentFetcher fetcher = SourceSettings.fetcher(config(mutualTls)
                .set(Setting.TRUST_STORE_FILE, serverTrust.toString())
                .set(Setting.TRUST_STORE_PASSWORD, TestCertificates.PASSWORD)
                .build());

        assertThatThrownBy(() -> fetcher.fetch(mutualTls.uri("/jwks"))).isInstanceOf(FetchException.class);
    }

    @Test
    void refusesATrustedCertificateIssuedForAnotherHostName() throws Exception {
        Path otherHostKeys = TestCertificates.keyStore(dir, "other-host", "dns:jwks.other.example");
        Path otherHostTrust = TestCertificates.trustStoreFor(otherHostKeys, dir, "other-host");
        try (LoopbackServer otherHost = LoopbackServer.https(TestCertificates.serverContext(otherHostKeys, null))) {
            otherHost.respond("/jwks", Response.json(JWKS));
            JsonDocumentFetcher fetcher = SourceSettings.fetcher(config(otherHost)
                    .set(Setting.TRUST_STORE_FILE, otherHostTrust.toString())
                    .set(Setting.TRUST_STORE_PASSWORD, TestCertificates.PASSWORD)
                    .build());

            assertThatThrownBy(() -> fetcher.fetch(otherHost.uri("/jwks")))
                    .isInstanceOf(FetchException.class)
                    .hasMessageStartingWith("TLS failure")
                    .hasMessageContaining("subject alternative");
            assertThat(otherHost.hits("/jwks")).isZero();
        }
    }

    @Test
    void refusesAnUnreadableTrustStoreWithoutShowingThePassword() {
        assertThatThrownBy(() -> SourceSettings.fetcher(config(https)
                .set(Setting.TRUST_STORE_FILE, serverTrust.toString())
                .set(Setting.TRUST_STORE_PASSWORD, "wrong-password-42")
                .build()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("trust_store_file")
                .hasMessageNotContaining("wrong-password-42");
    }
}
