package dev.jwkgate.keycloak.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.timer.TimerProvider;

/** When the rotation pass starts running: only once Keycloak's schema is there. */
class RotationSchedulingTest {

    private final List<ProviderEventListener> listeners = new ArrayList<>();
    private final List<String> scheduled = new ArrayList<>();

    private final TimerProvider timer = (TimerProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{TimerProvider.class}, (proxy, method, args) -> {
                if (method.getName().equals("schedule")) {
                    scheduled.add(args[args.length - 1] + " every " + args[1] + " ms");
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private final KeycloakSession session = (KeycloakSession) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{KeycloakSession.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getProvider":
                        return timer;
                    case "close":
                        return null;
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });

    private final KeycloakSessionFactory sessions = (KeycloakSessionFactory) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{KeycloakSessionFactory.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "register":
                        listeners.add((ProviderEventListener) args[0]);
                        return null;
                    case "create":
                        return session;
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });

    private void publish(ProviderEvent event) {
        listeners.forEach(listener -> listener.onEvent(event));
    }

    @Test
    void schedulesNoPassWhileKeycloakIsStillStarting() {
        new RotatingKeyProviderFactory().postInit(sessions);

        publish(new ProviderEvent() { });

        assertThat(scheduled).isEmpty();
    }

    @Test
    void schedulesThePassOnceKeycloakHasMigratedItsSchema() {
        new RotatingKeyProviderFactory().postInit(sessions);

        publish(new PostMigrationEvent(sessions));

        assertThat(scheduled).containsExactly(RotationTask.NAME + " every 60000 ms");
    }
}
