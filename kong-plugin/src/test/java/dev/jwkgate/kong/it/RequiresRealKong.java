package dev.jwkgate.kong.it;

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
 * Runs a class only where the gateway kit's real Kong 3.9.1 is installed and its {@code env.sh} sourced; elsewhere it
 * is skipped (before Kong starts for it) naming what to install; on CI a missing Kong fails it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRealKong.Condition.class)
public @interface RequiresRealKong {

    /** The check, once per class. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ExternalComponent kong = new ExternalComponent("the real Kong 3.9.1 of the gateway kit",
                    "it with the kit's `install.sh kong`, then source the kit's env.sh (it sets JWKGATE_KONG_READY=1 "
                            + "and JWKGATE_GATEWAYS_KIT) before running Maven");
            return kong.require("1".equals(System.getenv("JWKGATE_KONG_READY"))
                    && System.getenv("JWKGATE_GATEWAYS_KIT") != null, context.getDisplayName());
        }
    }
}
