package dev.jwkgate.keycloak.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every integration test class the same running Keycloak: it starts with the first class that
 * needs it and stops when the whole test run ends, so the suite pays for one start.
 */
public final class SharedKeycloak implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKeycloak.class);

    /** Closed by JUnit at the end of the run (root store). */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final KeycloakServer server;
        final AdminApi admin;

        Running(KeycloakServer server) {
            this.server = server;
            this.admin = new AdminApi(server);
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> {
            try {
                return new Running(KeycloakServer.start());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start Keycloak", e);
            }
        }, Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == AdminApi.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        return parameter.getParameter().getType() == KeycloakServer.class ? running.server : running.admin;
    }
}
