package dev.jwkgate.it.gateways;

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
 * Runs a class only where a real APISIX and Kong are installed ({@link GatewayInstall}); elsewhere the project's rule
 * for missing components applies: skipped, naming what to install, and failed on CI ({@code CI=true}), which
 * installs them. The verdict is taken once per run, so a run without the gateways says so in one message.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRealGateways.Condition.class)
public @interface RequiresRealGateways {

    /** The check: evaluated for the first class, its verdict reused for the others. */
    final class Condition implements ExecutionCondition {

        /** What these tests need, and how to get it, under the project's rule for missing components. */
        static final ExternalComponent GATEWAYS = new ExternalComponent(GatewayInstall.WHAT, GatewayInstall.HOW_TO_GET_THEM);

        private static ConditionEvaluationResult verdict;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            synchronized (Condition.class) {
                if (verdict == null) {
                    verdict = GATEWAYS.require(GatewayInstall.find().isPresent(),
                            "dev.jwkgate.it.gateways (the real-gateway tests; missing: "
                                    + String.join(", ", GatewayInstall.missing()) + ")");
                }
                return verdict;
            }
        }
    }
}
