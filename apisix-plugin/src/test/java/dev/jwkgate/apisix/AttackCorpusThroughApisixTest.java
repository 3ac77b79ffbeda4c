package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.config.Setting;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.token.AttackCorpus;
import dev.jwkgate.token.AttackCorpus.AttackCase;
import java.util.List;
import java.util.stream.Stream;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core's attack corpus through the APISIX filter, in process: each token goes in as the bearer header of a
 * runner {@code HttpRequest} decoded from APISIX's bytes, and the encoded answer must carry exactly the core's
 * status, challenge and reason code.
 */
class AttackCorpusThroughApisixTest {

    private static RunnerAnswer send(AttackCase attack) {
        FilterConf conf = new FilterConf.Valid(attack.policy());
        JwkGateFilter filter = new JwkGateFilter(new FilterConfs(value -> conf));
        RunnerCall call = RunnerCall.of(PeerRequest.get("/orders").bearer(attack.token()));
        new PluginFilterChain(List.of(filter)).filter(call.request, call.response);
        return call.answer();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwkgate.token.AttackCorpus#attacks")
    void filterStopsEveryAttackWithTheCoresStatusChallengeAndReason(AttackCase attack) {
        HttpRejection core = HttpRejection.of(attack.expected(), attack.config().string(Setting.REALM));

        RunnerAnswer answer = send(attack);

        assertThat(answer).as("let through: %s", attack).isInstanceOf(RunnerAnswer.Stop.class);
        RunnerAnswer.Stop stop = (RunnerAnswer.Stop) answer;
        assertThat(stop.status()).isEqualTo(attack.expectedStatus());
        assertThat(stop.body()).isEqualTo(core.body()).contains("\"reason\":\"" + attack.expected().code() + "\"");
        assertThat(stop.header("WWW-Authenticate")).isEqualTo(java.util.Optional.ofNullable(core.wwwAuthenticate()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    void filterLetsTheGenuineControlsThrough(AttackCase control) {
        assertThat(send(control)).isNotInstanceOf(RunnerAnswer.Stop.class);
    }

    static Stream<AttackCase> genuine() {
        return AttackCorpus.cases().stream().filter(AttackCase::genuine);
    }
}
