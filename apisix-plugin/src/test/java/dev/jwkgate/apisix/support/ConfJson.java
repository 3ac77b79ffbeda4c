package dev.jwkgate.apisix.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/** The JSON text a route puts in {@code conf[].value}: core setting names and values. */
public final class ConfJson {

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private ConfJson() {
    }

    public static ConfJson issuerWithJwks(String issuer, String jwksUri) {
        return new ConfJson().set("issuer", issuer).set("jwks_uri", jwksUri);
    }

    public ConfJson set(String setting, Object value) {
        settings.put(setting, value);
        return this;
    }

    public String json() {
        return JsonUtil.toJson(settings);
    }
}
