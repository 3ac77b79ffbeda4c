package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.Setting;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.token.AttackCorpus.AttackCase;
import dev.jwkgate.token.AttackCorpus;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core's attack corpus through the Kong plugin, in process: each token is the bearer header Kong's PDK test
 * double serves, and the {@code kong.response.exit} the plugin calls must carry exactly the core's status,
 * challenge and reason code.
 */
class AttackCorpusThroughKongTest {

    private static InMemoryChannel send(AttackCase attack) {
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer " + attack.token()));
        InMemoryChannel channel = new InMemoryChannel(pdk);
        new JwtPlugin(attack.policy()::decide).access(new Kong(channel));
        return channel;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwkgate.token.AttackCorpus#attacks")
    void pluginExitsOnEveryAttackWithTheCoresStatusChallengeAndReason(AttackCase attack) {
        HttpRejection core = HttpRejection.of(attack.expected(), attack.config().string(Setting.REALM));

        EventOutcome exit = send(attack).exit();

        assertThat(exit).as("let through: %s", attack).isNotNull();
        assertThat(exit.exitStatus()).isEqualTo(attack.expectedStatus());
        assertThat(exit.body()).isEqualTo(core.body()).contains("\"reason\":\"" + attack.expected().code() + "\"");
        assertThat(exit.exitHeaders().get("WWW-Authenticate")).isEqualTo(core.wwwAuthenticate());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    void pluginLetsTheGenuineControlsThrough(AttackCase control) {
        assertThat(send(control).exit()).isNull();
    }

    static Stream<AttackCase> genuine() {
        return AttackCorpus.cases().stream().filter(AttackCase::genuine);
    }
}
