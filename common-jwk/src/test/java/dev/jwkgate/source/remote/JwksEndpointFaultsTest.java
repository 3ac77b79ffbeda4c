package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.SourceSettings;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.RecordingAudit;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JWKS endpoint faults not covered by {@link RemoteKeySetSourceTest}, each against a real loopback server: a 404,
 * JSON cut off mid-body, a set of thousands of keys. Each time the last good set keeps serving, the failure is
 * reported, and nothing larger than the caps is kept.
 */
class JwksEndpointFaultsTest {

    private static final String ISSUER = "https://issuer.example";
    private static final Executor INLINE = Runnable::run;

    private final TestClock clock = new TestClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingAudit audit = new RecordingAudit();
    private final List<RemoteKeySetSource> sources = new ArrayList<>();
    private LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.http();
    }

    @AfterEach
    void stop() {
        sources.forEach(RemoteKeySetSource::close);
        server.close();
    }

    private RemoteKeySetSource source(String jwksUri, UnaryOperator<JwkGateConfig.Builder> settings) {
        JwkGateConfig config = settings.apply(JwkGateConfig.builder().issuer(ISSUER).jwksUri(jwksUri)
                .set(Setting.MAX_STALE_SECONDS, 120)).build();
        RemoteKeySetSource source = SourceSettings.remoteSource(config, SourceSettings.parser(config), clock)
                .audit(audit).scheduler(scheduler).fetchExecutor(INLINE).jitter(() -> 0.5).build();
        sources.add(source);
        return source;
    }

    /** A source that loaded {@code a}, then met {@code failure} at its scheduled refresh. */
    private RemoteKeySetSource loadedThenFailing(Response failure, UnaryOperator<JwkGateConfig.Builder> settings)
            throws KeysUnavailableException {
        server.respond("/jwks", Response.json(TestJwks.withKids("a")).withHeader("Cache-Control", "max-age=60"));
        RemoteKeySetSource source = source(server.uri("/jwks").toString(), settings);
        source.current();
        server.respond("/jwks", failure);
        clock.advance(Duration.ofSeconds(48));
        scheduler.runDue();
        return source;
    }

    @Test
    void servesTheLastGoodSetWhileTheServerAnswers404() throws Exception {
        RemoteKeySetSource source = loadedThenFailing(Response.status(404), b -> b);

        assertThat(source.current().keyIds()).containsExactly("a");
        assertThat(source.health()).isEqualTo(SourceHealth.STALE);
        assertThat(audit.last(AuditEventType.FETCH_FAILED).attribute("why")).isEqualTo("status 404 (only 200 is accepted)");
    }

    @Test
    void servesTheLastGoodSetWhenTheJsonIsCutOffMidDocument() throws Exception {
        String whole = TestJwks.withKids("b");
        RemoteKeySetSource source = loadedThenFailing(Response.json(whole.substring(0, whole.length() / 2)), b -> b);

        assertThat(source.current().keyIds()).containsExactly("a");
        assertThat(source.health()).isEqualTo(SourceHealth.STALE);
        assertThat(source.status().lastFailure()).startsWith("key set refused");
    }

    @Test
    void aConnectionClosedBeforeTheAnnouncedLengthIsAFailedLoadNotAShortSet() throws Exception {
        String whole = TestJwks.withKids("a");
        try (TruncatingServer truncating = new TruncatingServer(whole, whole.length() / 2)) {
            RemoteKeySetSource source = source(truncating.uri(), b -> b);

            assertThatThrownBy(source::current).isInstanceOf(KeysUnavailableException.class);
            assertThat(source.health()).isEqualTo(SourceHealth.UNAVAILABLE);
            assertThat(audit.ofType(AuditEventType.FETCH_FAILED)).hasSize(1);
        }
    }

    @Test
    void refusesASetOfThousandsOfKeysWholeAndKeepsTheLastGoodSet() throws Exception {
        String thousands = manyKeys(5_000);
        // a body cap wide enough for the document, so the key-count cap is what stops it
        RemoteKeySetSource source = loadedThenFailing(Response.json(thousands),
                b -> b.set(Setting.MAX_JWKS_BYTES, thousands.length() + 1));

        assertThat(source.current().keyIds()).containsExactly("a");
        assertThat(source.status().lastFailure()).contains("JWKS has 5000 keys, more than max_jwks_keys (100)");
    }

    @Test
    void refusesASetOfThousandsOfKeysAtTheDefaultBodyCapBeforeParsingIt() throws Exception {
        String thousands = manyKeys(5_000);
        RemoteKeySetSource source = loadedThenFailing(Response.json(thousands), b -> b);

        assertThat(thousands.length()).isGreaterThan(65_536);
        assertThat(source.current().keyIds()).containsExactly("a");
        assertThat(source.status().lastFailure()).contains("65536");
    }

    @Test
    void acceptsExactlyMaxJwksKeysKeys() throws Exception {
        String hundred = manyKeys(100);
        server.respond("/jwks", Response.json(hundred));
        RemoteKeySetSource source = source(server.uri("/jwks").toString(), b -> b.set(Setting.MAX_JWKS_BYTES, 1_000_000));

        assertThat(source.current().size()).isEqualTo(100);
    }

    /** One real public key repeated under {@code count} distinct kids. */
    private static String manyKeys(int count) {
        List<Object> keys = new ArrayList<>(count);
        Map<String, Object> template = TestJwks.publicJwk("many");
        for (int i = 0; i < count; i++) {
            Map<String, Object> key = new LinkedHashMap<>(template);
            key.put("kid", "k" + i);
            keys.add(key);
        }
        return TestJwks.of(keys.toArray());
    }

    /** Answers every connection with a 200 announcing the whole document, sends part of it, and hangs up. */
    private static final class TruncatingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        TruncatingServer(String document, int sent) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        readRequestHead(client.getInputStream());
                        OutputStream out = client.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, 0, sent);
                        out.flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "truncating-jwks");
            thread.setDaemon(true);
            thread.start();
        }

        String uri() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/jwks";
        }

        private static void readRequestHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            int b;
            while (matched < 4 && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
