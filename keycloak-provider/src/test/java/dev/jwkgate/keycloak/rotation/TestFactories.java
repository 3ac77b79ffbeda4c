package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keys.rotation.GeneratedKeys;
import dev.jwkgate.keys.rotation.RotationEngine;
import java.time.Clock;
import org.keycloak.common.crypto.CryptoIntegration;

/** A rotating provider factory wired for unit tests: real keys and certificates, an injected clock and store, inline transactions. */
final class TestFactories {

    private TestFactories() {
    }

    static RotatingKeyProviderFactory rotating(Clock clock, StoredComponents store) {
        // the server initialises Keycloak's crypto provider at boot; certificates need it here too
        CryptoIntegration.init(TestFactories.class.getClassLoader());
        return new RotatingKeyProviderFactory().with(clock, new RotationEngine(new GeneratedKeys()), store,
                KeyCertificates.keycloak(), (outer, task) -> task.run(outer));
    }
}
