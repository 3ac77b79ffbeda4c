package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.source.SourceStatus;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JwtPluginDefinitionTest {

    @Test
    void pluginServerFailuresAreAnsweredWithTheCoresOwn500() {
        FailureAnswer answer = new JwtPluginDefinition().failureAnswer();
        HttpRejection core = HttpRejection.internalError();
        assertThat(answer.status()).isEqualTo(core.status());
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(core.body());
        assertThat(answer.headers()).containsExactly(Map.entry("Content-Type", core.contentType()));
    }

    @Test
    void closingTheInstanceReleasesItsPolicyAndWithItTheKeySourceNoOtherInstanceUses() {
        String jwksUri = "http://127.0.0.1:9/jwks-" + UUID.randomUUID();
        JwtPluginDefinition definition = new JwtPluginDefinition();
        KongPlugin first = definition.newInstance(Map.of("issuer", "https://idp.example", "jwks_uri", jwksUri));
        KongPlugin second = definition.newInstance(Map.of("issuer", "https://idp.example", "jwks_uri", jwksUri,
                "clock_skew_seconds", 5));

        first.close();
        assertThat(liveSources()).contains(jwksUri);
        second.close();
        assertThat(liveSources()).doesNotContain(jwksUri);
    }

    /**
     * StartInstance (the plugin server calls newInstance for it) starts loading the route's key set, so the first
     * request does not wait for the identity provider; it returns while the key server still holds its answer.
     */
    @Test
    void startingAnInstanceRequestsTheKeySetBeforeAnyRequestWithoutWaitingForIt() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.createContext("/jwks", exchange -> {
            requested.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        idp.start();
        String jwksUri = "http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks";
        KongPlugin plugin = null;
        try {
            plugin = new JwtPluginDefinition().newInstance(Map.of("issuer", "https://idp.example", "jwks_uri", jwksUri));

            SourceStatus source = KeySourceRegistry.shared().statuses().stream()
                    .filter(status -> status.location().equals(jwksUri)).findFirst().orElseThrow();
            assertThat(source.loadedAt()).as("StartInstance did not wait for the key set").isNull();
            assertThat(source.lastFailure()).as("nor for a fetch to give up").isNull();
            assertThat(requested.await(30, TimeUnit.SECONDS)).as("key set requested before any request").isTrue();
        } finally {
            answer.countDown();
            if (plugin != null) {
                plugin.close();
            }
            idp.stop(0);
        }
    }

    private static List<String> liveSources() {
        return KeySourceRegistry.shared().statuses().stream().map(SourceStatus::location).toList();
    }
}
