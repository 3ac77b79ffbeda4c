package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.Entry;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionWriterTest {

    private static RunnerAnswer rewritten(GatewayDecision decision) {
        RunnerCall call = RunnerCall.of(PeerRequest.get("/"));
        DecisionWriter.rewrite(decision, call.request);
        return call.answer();
    }

    private static GatewayDecision allowed(Set<String> remove, Map<String, String> set, Set<String> args) {
        return new GatewayDecision(null, null, remove, set, args);
    }

    @Test
    void setsForwardedClaimHeadersInARewrite() {
        RunnerAnswer answer = rewritten(allowed(Set.of(), Map.of("X-User-Id", "alice"), Set.of()));

        assertThat(answer).isInstanceOf(RunnerAnswer.Rewrite.class);
        assertThat(((RunnerAnswer.Rewrite) answer).headerEntries("x-user-id"))
                .containsExactly(new Entry("X-User-Id", "alice"));
    }

    @Test
    void removesClientSentHeadersWithValuelessEntries() {
        RunnerAnswer.Rewrite answer = (RunnerAnswer.Rewrite) rewritten(
                allowed(Set.of("x-user-email", "authorization"), Map.of(), Set.of()));

        assertThat(answer.headers()).containsExactlyInAnyOrder(
                new Entry("x-user-email", null), new Entry("authorization", null));
    }

    @Test
    void onlySetsAHeaderThatIsBothRemovedAndSetSoNoRemovalCanLandAfterTheValue() {
        RunnerAnswer.Rewrite answer = (RunnerAnswer.Rewrite) rewritten(
                allowed(Set.of("x-user-id"), Map.of("X-User-Id", "alice"), Set.of()));

        assertThat(answer.headerEntries("x-user-id")).containsExactly(new Entry("X-User-Id", "alice"));
    }

    @Test
    void matchesARemovedAndASetNameByTheirLowerCaseEvenBeyondAscii() {
        // KELVIN SIGN lower-cases to an ASCII 'k', so "\u212A-Id" and "k-id" name the same header
        RunnerAnswer.Rewrite answer = (RunnerAnswer.Rewrite) rewritten(
                allowed(Set.of("k-id"), Map.of("\u212A-Id", "alice"), Set.of()));

        assertThat(answer.headers()).containsExactly(new Entry("\u212A-Id", "alice"));
    }

    @Test
    void keepsTheRemovalOfANameWhoseLowerCaseDiffersThoughCaseInsensitiveCharsMatch() {
        // "\u0130d" lower-cases to "i\u0307d", not "id", although equalsIgnoreCase calls them equal
        RunnerAnswer.Rewrite answer = (RunnerAnswer.Rewrite) rewritten(
                allowed(Set.of("id"), Map.of("\u0130d", "alice"), Set.of()));

        assertThat(answer.headers()).containsExactlyInAnyOrder(new Entry("id", null), new Entry("\u0130d", "alice"));
    }

    @Test
    void removesAStrippedQueryToken() {
        RunnerAnswer.Rewrite answer = (RunnerAnswer.Rewrite) rewritten(allowed(Set.of(), Map.of(), Set.of("access_token")));

        assertThat(answer.args()).containsExactly(new Entry("access_token", null));
    }

    @Test
    void leavesTheRequestUntouchedWhenThereIsNothingToChange() {
        assertThat(rewritten(allowed(Set.of(), Map.of(), Set.of()))).isInstanceOf(RunnerAnswer.Pass.class);
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
