package dev.jwkgate.keycloak.support;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/** A session whose vault holds the given {@code ${vault.name}} entries and whose realm has the given keys; any other call fails loudly. */
public final class FakeSession {

    private FakeSession() {
    }

    public static KeycloakSession withVault(Map<String, String> entries) {
        return withVaultAndKeys(entries, List.of());
    }

    /** As {@link #withVault}, and {@code keys()} lists {@code realmKeys} for any realm. */
    public static KeycloakSession withVaultAndKeys(Map<String, String> entries, List<KeyWrapper> realmKeys) {
        KeyManager keys = (KeyManager) Proxy.newProxyInstance(FakeSession.class.getClassLoader(),
                new Class<?>[]{KeyManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getKeysStream") && args.length == 1) {
                        return realmKeys.stream();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
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
                    if (method.getName().equals("keys")) {
                        return keys;
                    }
                    if (method.getName().equals("getTransactionManager")) {
                        return committingAtOnce();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A transaction that has already committed: work enlisted to run after completion runs at once. */
    private static KeycloakTransactionManager committingAtOnce() {
        return (KeycloakTransactionManager) Proxy.newProxyInstance(FakeSession.class.getClassLoader(),
                new Class<?>[]{KeycloakTransactionManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("enlistAfterCompletion")) {
                        KeycloakTransaction after = (KeycloakTransaction) args[0];
                        after.begin();
                        after.commit();
                        return null;
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
