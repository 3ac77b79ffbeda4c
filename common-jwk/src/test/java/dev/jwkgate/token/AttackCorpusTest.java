package dev.jwkgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.token.AttackCorpus.AttackCase;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The attack corpus against the core validator: the verdict the adapters' corpus tests must repeat. */
class AttackCorpusTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwkgate.token.AttackCorpus#attacks")
    void coreRefusesEveryAttackWithItsReasonCode(AttackCase attack) {
        ValidationResult result = attack.validator().validate(attack.token());

        assertThat(result.isValid()).as("accepted: %s", attack).isFalse();
        assertThat(result.reason()).as(result.message()).isEqualTo(attack.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    void coreAcceptsTheGenuineControlsOfTheSameWorlds(AttackCase control) {
        ValidationResult result = control.validator().validate(control.token());

        assertThat(result.isValid()).as("%s", result).isTrue();
    }

    @Test
    void corpusCoversEveryAttackOfTheResearchTable() {
        assertThat(AttackCorpus.attacks()).extracting(AttackCase::number).containsAll(
                IntStream.rangeClosed(1, 21).boxed().toList());
    }

    static java.util.stream.Stream<AttackCase> genuine() {
        return AttackCorpus.cases().stream().filter(AttackCase::genuine);
    }
}
