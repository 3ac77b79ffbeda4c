package dev.jwkgate.keycloak.support;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/** A session whose vault holds the given {@code ${vault.name}} entries; any other call fails loudly. */
public final class FakeSession {

    private FakeSession() {
    }

    public static KeycloakSession withVault(Map<String, String> entries) {
        VaultTranscriber vault = (VaultTranscriber) Proxy.newProxyInstance(FakeSession.class.getClassLoader(),
                new Class<?>[]{VaultTranscriber.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getStringSecret")) {
                        return secret(Optional.ofNullable(entries.get((String) args[0])));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (KeycloakSession) Proxy.newProxyInstance(FakeSession.class.getClassLoader(), new Class<?>[]{KeycloakSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("vault")) {
                        return vault;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static VaultStringSecret secret(Optional<String> value) {
        return new VaultStringSecret() {
            @Override
            public Optional<String> get() {
                return value;
            }

            @Override
            public void close() {
            }
        };
    }
}
