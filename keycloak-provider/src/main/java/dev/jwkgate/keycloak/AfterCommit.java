package dev.jwkgate.keycloak;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/** Runs an action once the session's transaction has committed, so an audit line never reports a write that rolled back. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Without a session (unit tests call the factory directly) the action runs at once. */
    public static void run(KeycloakSession session, Runnable action) {
        if (session == null) {
            action.run();
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                action.run();
            }

            @Override
            protected void rollbackImpl() {
                // nothing was stored, so there is nothing to report
            }
        });
    }
}
