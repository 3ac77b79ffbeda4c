package dev.jwkgate.keycloak.it;

import dev.jwkgate.support.ExternalComponent;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a class only where headless Chromium and chromedriver are installed; elsewhere it is skipped (before
 * Keycloak starts for it), naming the Debian packages to install; on CI a missing browser fails it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresChromium.Condition.class)
public @interface RequiresChromium {

    /** The check, once per class. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ExternalComponent browser = new ExternalComponent(
                    "headless Chromium (" + Chromium.binary() + ") and chromedriver (" + Chromium.driver() + ")",
                    "the Debian packages chromium and chromium-driver (apt-get install chromium chromium-driver), "
                            + "or point -Djwkgate.chromium and -Djwkgate.chromedriver at them");
            return browser.require(Chromium.installed(), context.getDisplayName());
        }
    }
}
