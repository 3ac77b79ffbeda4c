package dev.jwkgate.it.gateways;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a class only where a real APISIX and Kong are installed ({@link GatewayInstall}); elsewhere it is skipped
 * with one message saying how to get them. On CI ({@code CI=true}) a missing install fails the class instead:
 * CI installs the gateways, so their absence there is a broken build, not a reason to skip.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRealGateways.Condition.class)
public @interface RequiresRealGateways {

    /** The check, once per class; the message is printed once per run. */
    final class Condition implements ExecutionCondition {

        private static final AtomicBoolean TOLD = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ConditionEvaluationResult result = evaluate(System.getenv());
            if (result.isDisabled() && TOLD.compareAndSet(false, true)) {
                System.out.println("SKIPPED: " + GatewayInstall.HOW_TO_GET_THEM);
            }
            return result;
        }

        /** Enabled with an install, disabled without one, and an error without one on CI. */
        static ConditionEvaluationResult evaluate(java.util.Map<String, String> env) {
            if (GatewayInstall.find(env).isPresent()) {
                return ConditionEvaluationResult.enabled("real APISIX and Kong installed");
            }
            if ("true".equalsIgnoreCase(env.get("CI"))) {
                throw new IllegalStateException("CI=true but the real gateways are missing: "
                        + String.join(", ", GatewayInstall.missing(env)) + ". " + GatewayInstall.HOW_TO_GET_THEM);
            }
            return ConditionEvaluationResult.disabled(GatewayInstall.HOW_TO_GET_THEM);
        }
    }
}
