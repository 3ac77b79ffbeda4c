package dev.jwkgate.it.containers;

import dev.jwkgate.support.ExternalComponent;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a class only where Testcontainers finds a Docker engine; elsewhere it is skipped, saying what to install,
 * except on CI, where a missing engine fails it (these tests run only with {@code -Pcontainers}, so asked for).
 */
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
            ExternalComponent docker = new ExternalComponent("a Docker engine for the official Keycloak, APISIX and "
                    + "Kong images (none reachable: DOCKER_HOST=" + System.getenv().getOrDefault("DOCKER_HOST", "unset")
                    + ", /var/run/docker.sock absent or refused)",
                    "Docker Engine (Debian package docker.io) and let this user reach its socket");
            return docker.require(available, context.getDisplayName());
        }
    }
}
