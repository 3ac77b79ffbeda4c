package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.jwkgate.apisix.peer.PeerRequest;
import io.github.api7.A6.HTTPReqCall.Req;
import io.github.api7.A6.TextEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.junit.jupiter.api.Test;

class ApisixGatewayRequestTest {

    private static ApisixGatewayRequest seen(PeerRequest request) {
        return new ApisixGatewayRequest(RunnerCall.of(request).request);
    }

    @Test
    void seesEveryValueOfARepeatedHeaderInArrivalOrder() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/")
                .header("authorization", "Bearer first").header("authorization", "Bearer second"));

        assertThat(request.headerValues("authorization")).containsExactly("Bearer first", "Bearer second");
    }

    @Test
    void namesEveryHeaderOnceAsApisixSpellsIt() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/").header("x-user-id", "a").header("x_user_id", "b")
                .header("x-user-id", "c"));

        assertThat(request.headerNames()).containsExactly("x-user-id", "x_user_id");
    }

    @Test
    void looksHeadersUpCaseInsensitively() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/").header("x-token", "abc"));

        assertThat(request.headerValues("X-Token")).containsExactly("abc");
    }

    @Test
    void doesNotMatchAHeaderWhoseNameOnlyStartsAlike() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/").header("authorization-extra", "x").header("authorizatio", "y"));

        assertThat(request.headerValues("authorization")).isEmpty();
    }

    @Test
    void neverMatchesANonAsciiName() {
        assertThat(seen(PeerRequest.get("/").header("x-tökén", "v")).headerValues("x-tökén")).isEmpty();
    }

    @Test
    void hasNoValuesForAnAbsentHeader() {
        assertThat(seen(PeerRequest.get("/")).headerValues("authorization")).isEmpty();
    }

    @Test
    void requestIdIsTheRequestIdPluginsHeader() {
        assertThat(seen(PeerRequest.get("/").header("x-request-id", "5f2b8c1e-0d3a-4e6f")).requestId())
                .isEqualTo("5f2b8c1e-0d3a-4e6f");
    }

    @Test
    void requestIdIsNoneWithoutTheRequestIdPlugin() {
        assertThat(seen(PeerRequest.get("/")).requestId()).isNull();
    }

    @Test
    void givesAnAsciiValueExactlyAsSent() {
        StringBuilder every = new StringBuilder("Bearer ");
        for (char c = 0x20; c < 0x7f; c++) {
            every.append(c);
        }
        every.append('\t').append((char) 0x7f); // 104 chars: eight-byte steps and a tail

        assertThat(seen(PeerRequest.get("/").header("authorization", every.toString())).headerValues("authorization"))
                .containsExactly(every.toString());
    }

    @Test
    void decodesAValueWithNonAsciiCharactersAsUtf8() {
        String value = "Bearer abcdefgh-t\u00f6k\u00e9n-\u20ac-\ud83d\udd11";

        assertThat(seen(PeerRequest.get("/").header("authorization", value)).headerValues("authorization"))
                .containsExactly(value);
    }

    @Test
    void refusesAValueThatIsNotUtf8() {
        byte[] notUtf8 = "Bearer abcdefgh-\u0000".getBytes(StandardCharsets.US_ASCII);
        notUtf8[notUtf8.length - 1] = (byte) 0xc3; // a two-byte lead with nothing after it
        ApisixGatewayRequest request = new ApisixGatewayRequest(HttpRequest.from(withRawHeader("authorization", notUtf8)));

        assertThatThrownBy(() -> request.headerValues("authorization")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givesAnAsciiQueryValueExactlyAsSent() {
        assertThat(seen(PeerRequest.get("/").arg("access_token", "abcdefghijk.lmn-op_q")).queryParamValues("access_token"))
                .containsExactly("abcdefghijk.lmn-op_q");
    }

    @Test
    void givesEveryValueOfARepeatedQueryParameterSoTheCoreCanRefuseIt() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/").arg("access_token", "one").arg("access_token", "two"));

        assertThat(request.queryParamValues("access_token")).containsExactly("one", "two");
    }

    @Test
    void matchesQueryParameterNamesCaseSensitively() {
        assertThat(seen(PeerRequest.get("/").arg("Access_Token", "one")).queryParamValues("access_token")).isEmpty();
    }

    @Test
    void givesAnEmptyValueForAValuelessQueryParameter() {
        assertThat(seen(PeerRequest.get("/").arg("access_token", null)).queryParamValues("access_token"))
                .containsExactly("");
    }

    @Test
    void countsEveryHeaderEntryAsALine() {
        assertThat(seen(PeerRequest.get("/").header("a", "1").header("a", "2").header("b", "3")).headerLineCount())
                .isEqualTo(3);
    }

    @Test
    void countsEveryQueryArgument() {
        assertThat(seen(PeerRequest.get("/").arg("a", "1").arg("a", "2").arg("b", null)).queryArgumentCount())
                .isEqualTo(3);
    }

    @Test
    void reportsTheMethodInUpperCase() {
        assertThat(seen(PeerRequest.of("OPTIONS", "/")).method()).isEqualTo("OPTIONS");
    }

    /** A request call with one header whose value bytes are given raw, which no Java string can produce. */
    private static ByteBuffer withRawHeader(String name, byte[] value) {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int header = TextEntry.createTextEntry(builder, builder.createString(name), builder.createByteVector(value));
        int headers = Req.createHeadersVector(builder, new int[] {header});
        Req.startReq(builder);
        Req.addHeaders(builder, headers);
        builder.finish(Req.endReq(builder));
        return builder.dataBuffer();
    }
}
