package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.Entry;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.HeaderChange;
import dev.jwkgate.gateway.QueryRewrite;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionWriterTest {

    private static RunnerAnswer rewritten(GatewayDecision decision) {
        RunnerCall call = RunnerCall.of(PeerRequest.get("/"));
        DecisionWriter.rewrite(decision, call.request);
        return call.answer();
    }

    private static GatewayDecision allowed(List<HeaderChange> headers, QueryRewrite query) {
        return new GatewayDecision(null, null, headers, query);
    }

    @Test
    void setsForwardedClaimHeadersInARewrite() {
        RunnerAnswer answer = rewritten(allowed(List.of(HeaderChange.set("X-User-Id", "alice")), QueryRewrite.NONE));

        assertThat(answer).isInstanceOf(RunnerAnswer.Rewrite.class);
        assertThat(((RunnerAnswer.Rewrite) answer).headerEntries("x-user-id"))
                .containsExactly(new Entry("X-User-Id", "alice"));
    }

    @Test
    void removesClientSentHeadersWithValuelessEntriesUnderTheCoresSpelling() {
        RunnerAnswer.Rewrite answer = (RunnerAnswer.Rewrite) rewritten(allowed(List.of(
                HeaderChange.remove("x-user-email"), HeaderChange.remove("x_user_email"),
                HeaderChange.remove("authorization")), QueryRewrite.NONE));

        assertThat(answer.headers()).containsExactlyInAnyOrder(new Entry("x-user-email", null),
                new Entry("x_user_email", null), new Entry("authorization", null));
    }

    @Test
    void removesAStrippedQueryTokenByName() {
        RunnerAnswer.Rewrite answer = (RunnerAnswer.Rewrite) rewritten(
                allowed(List.of(), QueryRewrite.removing("access_token")));

        assertThat(answer.args()).containsExactly(new Entry("access_token", null));
    }

    @Test
    void leavesTheRequestUntouchedWhenThereIsNothingToChange() {
        assertThat(rewritten(allowed(List.of(), QueryRewrite.NONE))).isInstanceOf(RunnerAnswer.Pass.class);
    }

    @Test
    void answersARejectionWithStatusChallengeAndJsonBody() {
        RunnerCall call = RunnerCall.of(PeerRequest.get("/"));
        HttpRejection rejection = HttpRejection.of(ReasonCode.EXPIRED, "api");

        DecisionWriter.stop(rejection, call.response);

        RunnerAnswer.Stop stop = (RunnerAnswer.Stop) call.answer();
        assertThat(stop.status()).isEqualTo(401);
        assertThat(stop.header("www-authenticate")).contains(rejection.wwwAuthenticate());
        assertThat(stop.header("content-type")).contains("application/json");
        assertThat(stop.body()).isEqualTo(rejection.body()).contains("\"reason\":\"expired\"");
    }

    @Test
    void sendsNoChallengeWhenTheCoreGivesNone() {
        RunnerCall call = RunnerCall.of(PeerRequest.get("/"));

        DecisionWriter.stop(HttpRejection.of(ReasonCode.INTERNAL_ERROR, null), call.response);

        RunnerAnswer.Stop stop = (RunnerAnswer.Stop) call.answer();
        assertThat(stop.status()).isEqualTo(500);
        assertThat(stop.header("www-authenticate")).isEmpty();
    }
}
