package dev.jwkgate.keycloak.support;

import java.lang.reflect.Proxy;
import java.util.stream.Stream;
import org.keycloak.models.RealmModel;

/** A realm with just the properties the providers read; any other call fails loudly. */
public final class FakeRealm {

    private FakeRealm() {
    }

    public static RealmModel withAccessTokenLifespan(int seconds) {
        return (RealmModel) Proxy.newProxyInstance(FakeRealm.class.getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getName":
                        case "getId":
                            return "test";
                        case "getAccessTokenLifespan":
                            return seconds;
                        case "getAccessTokenLifespanForImplicitFlow":
                            return 900;
                        case "getClientsStream":
                            return Stream.empty();
                        case "getDefaultSignatureAlgorithm":
                            return "ES256";
                        case "toString":
                            return "FakeRealm";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
