package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.A6Messages;
import dev.jwkgate.apisix.peer.Entry;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.HeaderChange;
import dev.jwkgate.gateway.QueryRewrite;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.token.AttackCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.apache.apisix.plugin.runner.handler.PayloadDecoder;
import org.junit.jupiter.api.Test;

class JwkGateFilterTest {

    private static final GatewayDecision REFUSED = GatewayDecision.refused(null,
            HttpRejection.of(ReasonCode.MISSING_TOKEN, null));
    private static final GatewayDecision ALLOWED = new GatewayDecision(null, null,
            List.of(HeaderChange.set("X-User-Id", "alice")), QueryRewrite.NONE);

    /** A filter after ours in the route's conf list that rewrites every request it sees. */
    private final List<HttpRequest> seenByNextFilter = new ArrayList<>();
    private final PluginFilter nextFilter = new PluginFilter() {
        @Override
        public String name() {
            return "next";
        }

        @Override
        public void filter(HttpRequest request, HttpResponse response, PluginFilterChain chain) {
            seenByNextFilter.add(request);
            request.setHeader("x-next", "1");
        }
    };

    private RunnerAnswer run(FilterConf conf, PeerRequest request) {
        List<String> values = new ArrayList<>();
        JwkGateFilter filter = new JwkGateFilter(new FilterConfs(value -> {
            values.add(value);
            return conf;
        }));
        RunnerCall call = RunnerCall.of(request, "{\"issuer\":\"conf of this route\"}");
        new PluginFilterChain(List.of(filter, nextFilter)).filter(call.request, call.response);
        assertThat(values).containsExactly("{\"issuer\":\"conf of this route\"}");
        return call.answer();
    }

    @Test
    void isFoundByTheNameRoutesUse() {
        assertThat(new JwkGateFilter(new FilterConfs(v -> null)).name()).isEqualTo("jwkgate");
    }

    @Test
    void stopsARefusedRequestAndEndsTheChainSoNoLaterRewriteTurnsItIntoAPass() {
        RunnerAnswer answer = run(request -> REFUSED, PeerRequest.get("/"));

        assertThat(answer).isInstanceOf(RunnerAnswer.Stop.class);
        assertThat(((RunnerAnswer.Stop) answer).status()).isEqualTo(401);
        assertThat(seenByNextFilter).isEmpty();
    }

    @Test
    void rewritesAnAllowedRequestAndContinuesTheChain() {
        RunnerAnswer answer = run(request -> ALLOWED, PeerRequest.get("/"));

        assertThat(((RunnerAnswer.Rewrite) answer).headerEntries("x-user-id"))
                .containsExactly(new Entry("X-User-Id", "alice"));
        assertThat(seenByNextFilter).hasSize(1);
    }

    @Test
    void handsTheCoreTheRequestHeaders() {
        List<List<String>> seen = new ArrayList<>();
        run(request -> {
            seen.add(request.headerValues("Authorization"));
            return ALLOWED;
        }, PeerRequest.get("/").bearer("t"));

        assertThat(seen).containsExactly(List.of("Bearer t"));
    }

    @Test
    void refusesWith500WhenDecidingFailsInsteadOfLettingTheRunnerAnswerAnError() {
        RunnerAnswer answer = run(request -> {
            throw new UnsupportedOperationException("core failure");
        }, PeerRequest.get("/"));

        RunnerAnswer.Stop stop = (RunnerAnswer.Stop) answer;
        assertThat(stop.status()).isEqualTo(500);
        assertThat(stop.body()).contains("internal_error").doesNotContain("core failure", "Exception");
        assertThat(seenByNextFilter).isEmpty();
    }

    @Test
    void refusesWith500WhenDecidingFailsWithAnErrorSuchAsABrokenShade() {
        RunnerAnswer answer = run(request -> {
            throw new NoClassDefFoundError("dev/jwkgate/shaded/org/jose4j/json/JsonUtil");
        }, PeerRequest.get("/").bearer("t"));

        RunnerAnswer.Stop stop = (RunnerAnswer.Stop) answer;
        assertThat(stop.status()).isEqualTo(500);
        assertThat(stop.body()).isEqualTo(HttpRejection.internalError().body());
        assertThat(seenByNextFilter).isEmpty();
    }

    @Test
    void refusesEveryRequestOfARouteWithAnInvalidConfiguration() {
        RunnerAnswer answer = run(new FilterConf.Invalid("audiences: expected a list"), PeerRequest.get("/").bearer("t"));

        assertThat(((RunnerAnswer.Stop) answer).status()).isEqualTo(500);
        assertThat(((RunnerAnswer.Stop) answer).body()).doesNotContain("audiences");
    }

    @Test
    void refusesWith500ARequestCallWhoseHeaderVectorCannotBeDecoded() throws Exception {
        // found by ApisixFrameFuzzTest: the runner decodes lazily, so the filter is the first to read the headers
        byte[] frame;
        try (var in = getClass().getResourceAsStream("/dev/jwkgate/apisix/fuzz/ApisixFrameFuzzTestInputs/"
                + "anyFrameFromApisixIsRefusedOrPassedOnToTheRunnerAsAnError/req-call-corrupt-header-vector")) {
            frame = in.readAllBytes();
        }
        HttpRequest request = (HttpRequest) new PayloadDecoder().decode(java.nio.ByteBuffer.wrap(frame));
        HttpResponse response = new HttpResponse(request.getRequestId());
        request.initCtx(response, Map.of(JwkGateFilter.NAME, "{}"));
        FilterConf conf = new FilterConf.Valid(AttackCorpus.cases().get(0).policy());

        new PluginFilterChain(List.of(new JwkGateFilter(new FilterConfs(v -> conf)), nextFilter)).filter(request, response);

        RunnerAnswer.Stop stop = (RunnerAnswer.Stop) A6Messages.httpReqCallResponse(response.encode()).answer();
        assertThat(stop.status()).isEqualTo(500);
        assertThat(stop.body()).contains("internal_error");
        assertThat(seenByNextFilter).isEmpty();
    }
}
