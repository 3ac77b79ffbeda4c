package dev.jwkgate.demo;

import dev.jwkgate.it.e2e.Policy;
import java.util.List;
import java.util.Map;

/** The demo's realm, its two clients, and the routes both gateways protect with the realm's tokens. */
final class DemoRealm {

    static final String NAME = "demo";
    static final String CLIENT = "demo-client";
    static final String CLIENT_SECRET = "demo-secret";
    static final String ADMIN_CLIENT = "demo-admin-client";
    static final String ADMIN_CLIENT_SECRET = "demo-admin-secret";

    private DemoRealm() {
    }

    /** {@code orders}: any valid token of the realm; {@code admin}: only the admin client's tokens. */
    static Map<String, Policy> routes(String issuer) {
        Map<String, String> forward = Map.of("sub", "X-User-Id", "azp", "X-Client-Id", "scope", "X-Scope");
        return Map.of(
                "orders", Policy.discovering(issuer).set("forward_claims", forward).set("realm", NAME),
                "admin", Policy.discovering(issuer).set("forward_claims", forward).set("realm", NAME)
                        .set("claims_any_of", Map.of("azp", List.of(ADMIN_CLIENT))));
    }
}
