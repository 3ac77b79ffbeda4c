package dev.jwkgate.kong.pdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import dev.jwkgate.kong.pdk.protocol.KongProtocol;
import dev.jwkgate.kong.pdk.client.Consumer;
import dev.jwkgate.kong.pdk.client.Credential;
import dev.jwkgate.kong.pdk.request.RawBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed PDK sends Kong's method names with the argument messages Kong's proto declares. */
class KongPdkTest {

    /** Records calls and answers each with a fixed result. */
    static final class Recorder implements PdkChannel {
        final List<String> methods = new ArrayList<>();
        final List<byte[]> args = new ArrayList<>();
        byte[] result = new byte[0];

        @Override
        public byte[] call(String method, byte[] arg) {
            methods.add(method);
            args.add(arg);
            return result;
        }

        @Override
        public void callTerminal(String method, byte[] arg) {
            call(method, arg);
        }

        @Override
        public boolean terminated() {
            return false;
        }
    }

    private final Recorder channel = new Recorder();
    private final Kong kong = new Kong(channel);

    @Test
    void headerCountIsClampedIntoTheRangeKongAccepts() {
        kong.request.getHeaders(0);
        kong.request.getHeaders(5000);
        assertThat(Messages.decodeInt(channel.args.get(0))).isEqualTo(1);
        assertThat(Messages.decodeInt(channel.args.get(1))).isEqualTo(1000);
    }

    @Test
    void absentHeaderReadsAsEmptyString() {
        assertThat(kong.request.getHeader("x-none")).isEmpty();
        assertThat(channel.methods).containsExactly("kong.request.get_header");
    }

    @Test
    void namespacesUseKongsMethodNames() {
        kong.service.request.setHeader("a", "b");
        kong.service.request.clearHeader("a");
        kong.service.request.setRawQuery("x=1");
        kong.client.getIp();
        kong.nginx.getVar("cookie_session");
        kong.log.err("boom");
        kong.ctx.shared.set("k", "v");
        kong.response.exit(401);
        assertThat(channel.methods).containsExactly("kong.service.request.set_header",
                "kong.service.request.clear_header", "kong.service.request.set_raw_query", "kong.client.get_ip",
                "kong.nginx.get_var", "kong.log.err", "kong.ctx.shared.set", "kong.response.exit");
    }

    @Test
    void consumerRoundTripsThroughAuthenticateAndGetConsumer() {
        Consumer alice = new Consumer("c-1", 1_700_000_000L, "alice", "A-1", List.of("team-a", "paid"));
        kong.client.authenticate(alice, new Credential("cred-1", "c-1"));
        assertThat(channel.methods).containsExactly("kong.client.authenticate");
        // AuthenticateArgs field 1 is the Consumer message itself: answer get_consumer with it
        byte[] args = channel.args.get(0);
        channel.result = java.util.Arrays.copyOfRange(args, 2, 2 + args[1]);
        assertThat(kong.client.getConsumer()).isEqualTo(alice);
    }

    @Test
    void noConsumerIsNull() {
        assertThat(kong.client.getConsumer()).isNull();
        assertThat(kong.client.getCredential()).isNull();
    }

    @Test
    void emptyRawBodyIsEmptyContent() {
        RawBody body = kong.request.getRawBody();
        assertThat(body.content()).isEmpty();
        assertThat(body.filePath()).isNull();
    }

    @Test
    void rawBodyBufferedToDiskNamesTheFile() {
        channel.result = KongProtocol.RawBodyResult.newBuilder().setBodyFilepath("/tmp/nginx/body/0001").build()
                .toByteArray();
        assertThat(kong.request.getRawBody().filePath()).isEqualTo("/tmp/nginx/body/0001");
    }

    @Test
    void repeatedQueryValuesAndBareFlagsBecomeStrings() {
        channel.result = Messages.struct(Map.of("a", List.of("1", "2"), "flag", true));
        assertThat(kong.request.getQuery(100)).containsEntry("a", List.of("1", "2")).containsEntry("flag", List.of(""));
    }
}
