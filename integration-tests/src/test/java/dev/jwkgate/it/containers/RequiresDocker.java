package dev.jwkgate.it.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs a class only where Testcontainers finds a Docker engine; elsewhere it is skipped, saying why. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

    /** The check, once per class. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean available;
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                available = false;
            }
            if (available) {
                return ConditionEvaluationResult.enabled("a Docker engine is available");
            }
            String skipped = "SKIPPED " + context.getDisplayName() + ": no Docker engine reachable (DOCKER_HOST="
                    + System.getenv("DOCKER_HOST") + ", /var/run/docker.sock absent or refused), so the official "
                    + "Keycloak, APISIX and Kong images cannot run here";
            System.out.println(skipped);
            return ConditionEvaluationResult.disabled(skipped);
        }
    }
}
