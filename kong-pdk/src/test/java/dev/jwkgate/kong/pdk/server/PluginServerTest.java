package dev.jwkgate.kong.pdk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reusable server with a small test plugin, driven in-process by the Kong peer. */
class PluginServerTest {

    private Path dir;
    private PluginServer server;
    private KongPeer kong;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("kps");
        server = PluginServer.start(ECHO, dir.resolve("echo.sock"));
        kong = new KongPeer(server.socketPath());
    }

    @AfterEach
    void stop() throws Exception {
        kong.close();
        server.close();
        Files.deleteIfExists(dir);
    }

    @Test
    void pdkCallsOfOneEventRunOnTheConnectionThatCarriedIt() throws Exception {
        int id = kong.startInstance("echo", "{\"__seq__\":1}");
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x-in", "hello"));
        EventOutcome outcome = kong.handleEvent(id, "access", pdk);
        assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(pdk.upstreamHeaders()).containsEntry("x-out", "hello");
        assertThat(kong.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void eventEndingWithCallsSentWithoutWaitingLeavesThePooledConnectionReadyForTheNextEvent() throws Exception {
        int id = kong.startInstance("echo", "{\"__seq__\":1}");
        kong.handleEvent(id, "access", FakeKongPdk.request("GET", Map.of("x-in", "first")));
        FakeKongPdk second = FakeKongPdk.request("GET", Map.of("x-in", "second"));
        EventOutcome outcome = kong.handleEvent(id, "access", second);
        assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(second.upstreamHeaders()).containsEntry("x-out", "second").containsEntry("x-missing", "null");
        assertThat(kong.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void sharedContextRoundTripsThroughKong() throws Exception {
        int id = kong.startInstance("echo", "{\"__seq__\":1}");
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x-in", "v"));
        kong.handleEvent(id, "access", pdk);
        assertThat(pdk.upstreamHeaders()).containsEntry("x-shared", "v").containsEntry("x-missing", "null");
    }

    @Test
    void exitEndsTheEventWithoutWaitingForAReplyAndLaterPdkCallsFail() throws Exception {
        int id = kong.startInstance("echo", "{\"__seq__\":1}");
        EventOutcome outcome = kong.handleEvent(id, "access", FakeKongPdk.request("GET", Map.of("x-exit", "418")));
        assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.EXITED);
        assertThat(outcome.exitStatus()).isEqualTo(418);
        assertThat(AFTER_EXIT.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void handlerExceptionIsLoggedAndAnswered500NeverPassed() throws Exception {
        int id = kong.startInstance("echo", "{\"__seq__\":1}");
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x-throw", "yes"));
        EventOutcome outcome = kong.handleEvent(id, "access", pdk);
        assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.EXITED);
        assertThat(outcome.exitStatus()).isEqualTo(500);
        assertThat(outcome.exitHeaders()).isEqualTo(FailureAnswer.KONG_DEFAULT.headers());
        assertThat(pdk.errorLogs()).singleElement().asString().contains("IllegalStateException").doesNotContain("secret");
    }

    @Test
    void serverKeepsServingAfterKongDroppedAnExitedConnection() throws Exception {
        int id = kong.startInstance("echo", "{\"__seq__\":1}");
        kong.handleEvent(id, "access", FakeKongPdk.request("GET", Map.of("x-exit", "401")));
        EventOutcome next = kong.handleEvent(id, "access", FakeKongPdk.request("GET", Map.of("x-in", "a")));
        assertThat(next.kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
    }

    @Test
    void phaseThePluginDoesNotHandleCompletesWithoutCallbacks() throws Exception {
        int id = kong.startInstance("echo", "{\"__seq__\":1}");
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of());
        assertThat(kong.handleEvent(id, "log", pdk).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(pdk.calls()).isEmpty();
    }

    @Test
    void refusedConfigurationAnswersEveryEventWith500AndLogsTheReason() throws Exception {
        int id = kong.startInstance("echo", "{\"__seq__\":1,\"refuse\":true}");
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of());
        EventOutcome outcome = kong.handleEvent(id, "access", pdk);
        assertThat(outcome.exitStatus()).isEqualTo(500);
        assertThat(pdk.errorLogs()).singleElement().asString().contains("refuse: not today");
    }

    /** What a PDK call made after exit threw (the handler runs on a server thread). */
    static final CompletableFuture<Throwable> AFTER_EXIT = new CompletableFuture<>();

    /** Copies x-in upstream, exits with x-exit's status, throws on x-throw. */
    static final PluginDefinition ECHO = PluginDefinition.builder("echo").version("1.0.0").priority(10)
            .phases(Phase.ACCESS).instances(PluginServerTest::echo).build();

    private static KongPlugin echo(Map<String, Object> config) {
        if (config.containsKey("refuse")) {
            throw new IllegalArgumentException("refuse: not today");
        }
        return new KongPlugin() {
            @Override
            public void access(Kong kong) {
                String exit = kong.request.getHeader("x-exit");
                if (!exit.isEmpty()) {
                    kong.response.exit(Integer.parseInt(exit), "{}".getBytes(StandardCharsets.UTF_8), Map.of());
                    try {
                        kong.request.getHeader("x-in");
                    } catch (IllegalStateException e) {
                        AFTER_EXIT.complete(e);
                    }
                    return;
                }
                if (!kong.request.getHeader("x-throw").isEmpty()) {
                    throw new IllegalStateException("secret request data");
                }
                String in = kong.request.getHeader("x-in");
                kong.service.request.setHeader("x-out", in);
                kong.ctx.shared.set("k", in);
                kong.service.request.setHeader("x-shared", String.valueOf(kong.ctx.shared.get("k")));
                kong.service.request.setHeader("x-missing", String.valueOf(kong.ctx.shared.get("nope")));
            }
        };
    }
}
