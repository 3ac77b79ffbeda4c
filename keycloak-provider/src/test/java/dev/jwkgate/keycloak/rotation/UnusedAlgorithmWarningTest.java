package dev.jwkgate.keycloak.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The log warning for a rotating provider whose keys the realm does not sign with by default. */
class UnusedAlgorithmWarningTest {

    private final UnusedAlgorithmWarning warning = new UnusedAlgorithmWarning();

    @Test
    void warnsWhenTheActiveKeyIsNotOfTheRealmsDefaultAlgorithm() {
        Optional<String> text = warning.check("demo", "RS256", "c1", "ES256");

        assertThat(text).hasValueSatisfying(t -> assertThat(t)
                .contains("realm=demo", "component=c1", "the active key is ES256", "signs with RS256 by default",
                        "Default signature algorithm to ES256"));
    }

    @Test
    void takesAnUnsetRealmDefaultAsKeycloaksRs256() {
        assertThat(warning.check("demo", null, "c1", "ES256")).hasValueSatisfying(t -> assertThat(t).contains("RS256"));
        assertThat(new UnusedAlgorithmWarning().check("demo", null, "c1", "RS256")).isEmpty();
    }

    @Test
    void saysNothingWhenTheRealmSignsWithTheActiveKeysAlgorithm() {
        assertThat(warning.check("demo", "ES256", "c1", "ES256")).isEmpty();
    }

    @Test
    void warnsOnceNotAtEveryPass() {
        assertThat(warning.check("demo", "RS256", "c1", "ES256")).isPresent();
        assertThat(warning.check("demo", "RS256", "c1", "ES256")).isEmpty();
        assertThat(warning.check("demo", "RS256", "c1", "ES256")).isEmpty();
    }

    @Test
    void warnsAgainWhenTheMismatchChanges() {
        warning.check("demo", "RS256", "c1", "ES256");

        assertThat(warning.check("demo", "PS256", "c1", "ES256")).isPresent();
        assertThat(warning.check("demo", "RS256", "c2", "ES256")).as("another provider").isPresent();
    }
}
