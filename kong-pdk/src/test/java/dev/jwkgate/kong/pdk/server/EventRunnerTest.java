package dev.jwkgate.kong.pdk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRunnerTest {

    /** Answers every call with {@code reply}, records the method names. */
    static class ScriptedChannel implements PdkChannel {
        final List<String> calls = new ArrayList<>();
        final byte[] reply;
        boolean terminated;

        ScriptedChannel(byte[] reply) {
            this.reply = reply;
        }

        @Override
        public byte[] call(String method, byte[] args) {
            calls.add(method);
            return reply;
        }

        @Override
        public void callTerminal(String method, byte[] args) {
            calls.add(method);
            terminated = true;
        }

        @Override
        public boolean terminated() {
            return terminated;
        }
    }

    private static PluginInstance instance(KongPlugin plugin) {
        return PluginInstance.running(1, "t", 0, plugin, FailureAnswer.KONG_DEFAULT);
    }

    @Test
    void undecodableResultFromKongEndsTheEventWith500InsteadOfARetriedClose() {
        ScriptedChannel channel = new ScriptedChannel(new byte[] {(byte) 0xff, (byte) 0xff});
        EventRunner.run(instance(new KongPlugin() {
            @Override
            public void access(Kong kong) {
                kong.request.getHeaders(100);
            }
        }), "access", channel);
        assertThat(channel.calls).containsExactly("kong.request.get_headers", "kong.log.err", "kong.response.exit");
    }

    @Test
    void brokenConnectionIsLeftToTheConnectionToDrop() {
        PdkChannel broken = new ScriptedChannel(new byte[0]) {
            @Override
            public byte[] call(String method, byte[] args) {
                throw new UncheckedIOException(new IOException("reset"));
            }
        };
        assertThatThrownBy(() -> EventRunner.run(instance(new KongPlugin() {
            @Override
            public void access(Kong kong) {
                kong.request.getHeader("authorization");
            }
        }), "access", broken)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void unknownEventNameCompletesWithoutCallingThePlugin() {
        ScriptedChannel channel = new ScriptedChannel(new byte[0]);
        EventRunner.run(instance(new KongPlugin() {
            @Override
            public void access(Kong kong) {
                throw new AssertionError("called");
            }
        }), "ws_handshake", channel);
        assertThat(channel.calls).isEmpty();
    }

    @Test
    void failingHandlerIsAnsweredWithThePluginsOwnFailureAnswer() {
        FailureAnswer own = new FailureAnswer(500, "{\"reason\":\"internal_error\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
        InMemoryChannel channel = new InMemoryChannel(FakeKongPdk.request("GET", Map.of()));
        EventRunner.run(PluginInstance.running(1, "t", 0, new KongPlugin() {
            @Override
            public void access(Kong kong) {
                throw new IllegalStateException("boom");
            }
        }, own), "access", channel);
        assertThat(channel.exit().exitStatus()).isEqualTo(500);
        assertThat(channel.exit().body()).isEqualTo("{\"reason\":\"internal_error\"}");
        assertThat(channel.exit().exitHeaders()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void refusedConfigurationIsAnsweredWithKongsOwnUnexpectedErrorAnswerByDefault() {
        InMemoryChannel channel = new InMemoryChannel(FakeKongPdk.request("GET", Map.of()));
        EventRunner.run(PluginInstance.refused(1, "t", 0, "leeway: too large", FailureAnswer.KONG_DEFAULT), "access",
                channel);
        assertThat(channel.exit().exitStatus()).isEqualTo(500);
        assertThat(channel.exit().body()).isEqualTo("{\"message\":\"An unexpected error occurred\"}");
    }
}
