package dev.jwkgate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** The rule for a test that needs something installed: run, skip naming what to install, or fail on CI. */
class ExternalComponentTest {

    private final ExternalComponent browser = new ExternalComponent("a browser", "the packages b and b-driver");

    @Test
    void runsWhereTheComponentIsInstalled() {
        assertThat(browser.require(true, "BrowserIT", false).isDisabled()).isFalse();
        assertThat(browser.require(true, "BrowserIT", true).isDisabled()).isFalse();
    }

    @Test
    void skipsWhereTheComponentIsMissingNamingWhatToInstall() {
        ConditionEvaluationResult result = browser.require(false, "BrowserIT", false);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("BrowserIT", "a browser", "install the packages b and b-driver"));
    }

    @Test
    void failsOnCiWhereTheComponentIsMissing() {
        assertThatThrownBy(() -> browser.require(false, "BrowserIT", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true")
                .hasMessageContaining("install the packages b and b-driver");
    }
}
