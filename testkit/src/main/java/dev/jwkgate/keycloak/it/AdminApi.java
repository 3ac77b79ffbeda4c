package dev.jwkgate.keycloak.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** Keycloak's admin REST API and token endpoint over plain HTTP, as an admin script would use them. */
public final class AdminApi {

    /** An HTTP answer: status, body, and the Location header of a create. */
    public record Response(int status, String body, String location) {
        public Map<String, Object> json() {
            return parse(body);
        }

        /** The id at the end of a create's Location. */
        public String createdId() {
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private final KeycloakServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String adminToken;
    private Instant adminTokenAt = Instant.EPOCH;

    /** Talks to {@code server}'s admin REST API as the bootstrap admin the launcher creates. */
    public AdminApi(KeycloakServer server) {
        this.server = server;
    }

    // ---- realms, clients, components ----

    /** A realm whose access tokens live {@code tokenLifespanSeconds} and are signed with {@code algorithm}. */
    public void createRealm(String realm, String algorithm, int tokenLifespanSeconds) {
        expect(201, send("POST", "/admin/realms", realmRepresentation(realm, algorithm, tokenLifespanSeconds)));
    }

    private static Map<String, Object> realmRepresentation(String realm, String algorithm, int tokenLifespanSeconds) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("realm", realm);
        rep.put("enabled", true);
        rep.put("defaultSignatureAlgorithm", algorithm);
        rep.put("accessTokenLifespan", tokenLifespanSeconds);
        rep.put("accessTokenLifespanForImplicitFlow", tokenLifespanSeconds);
        return rep;
    }

    /**
     * A realm created in one request together with its key providers, as a realm import does: every
     * provider is created in the same transaction, at the same moment.
     *
     * @param providers name → config of {@code providerId} components
     */
    public void createRealmWithKeyProviders(String realm, String algorithm, int tokenLifespanSeconds, String providerId,
                                            Map<String, Map<String, String>> providers) {
        Map<String, Object> rep = realmRepresentation(realm, algorithm, tokenLifespanSeconds);
        List<Object> components = new java.util.ArrayList<>();
        providers.forEach((name, config) -> components.add(Map.of("name", name, "providerId", providerId, "config", multi(config))));
        rep.put("components", Map.of("org.keycloak.keys.KeyProvider", components));
        expect(201, send("POST", "/admin/realms", rep));
    }

    /**
     * Deletes a realm so its rotating providers stop making transitions (the cluster suite's schedules are
     * seconds long). Clean-up only: a failure (Keycloak can answer 500 when a pass stores into the realm at
     * that moment) is reported, not asserted.
     */
    public boolean deleteRealm(String realm) {
        Response r = send("DELETE", "/admin/realms/" + realm, null);
        if (r.status() != 204) {
            System.err.println("clean-up: deleting realm " + realm + " answered " + r.status());
        }
        return r.status() == 204;
    }

    /** Changes realm settings; any change drops the realm from every node's cache, so providers load again. */
    public void updateRealm(String realm, Map<String, Object> changes) {
        expect(204, send("PUT", "/admin/realms/" + realm, changes));
    }

    /** The key-provider components of {@code providerId} in the realm, as the admin API shows them. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> keyProviders(String realm, String providerId) {
        Response r = expect(200, send("GET", "/admin/realms/" + realm + "/components?type=org.keycloak.keys.KeyProvider", null));
        List<Object> all;
        try {
            all = new org.jose4j.json.internal.json_simple.parser.JSONParser().parse(r.body()) instanceof List<?> list
                    ? (List<Object>) list : List.of();
        } catch (org.jose4j.json.internal.json_simple.parser.ParseException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
        return all.stream().map(o -> (Map<String, Object>) o).filter(c -> providerId.equals(c.get("providerId"))).collect(Collectors.toList());
    }

    /** The realm's SAML IdP metadata, which SAML clients (service providers) load the realm's signing certificates from. */
    public String samlDescriptor(String realm) {
        return expect(200, get(server.issuer(realm) + "/protocol/saml/descriptor")).body();
    }

    /** A confidential client that may use the client-credentials grant. */
    public void createServiceClient(String realm, String clientId, String secret) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("clientId", clientId);
        rep.put("secret", secret);
        rep.put("publicClient", false);
        rep.put("serviceAccountsEnabled", true);
        rep.put("standardFlowEnabled", false);
        expect(201, send("POST", "/admin/realms/" + realm + "/clients", rep));
    }

    public Response addKeyProvider(String realm, String name, String providerId, Map<String, String> config) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("name", name);
        rep.put("providerId", providerId);
        rep.put("providerType", "org.keycloak.keys.KeyProvider");
        rep.put("parentId", realmId(realm));
        rep.put("config", multi(config));
        return send("POST", "/admin/realms/" + realm + "/components", rep);
    }

    public Map<String, Object> component(String realm, String id) {
        return expect(200, send("GET", "/admin/realms/" + realm + "/components/" + id, null)).json();
    }

    /** Sends the component back with some settings changed, as the admin console's Save does. */
    @SuppressWarnings("unchecked")
    public Response updateComponent(String realm, String id, Map<String, String> changes) {
        Map<String, Object> rep = new LinkedHashMap<>(component(realm, id));
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) rep.get("config"));
        changes.forEach((k, v) -> config.put(k, List.of(v)));
        rep.put("config", config);
        return send("PUT", "/admin/realms/" + realm + "/components/" + id, rep);
    }

    /** {@code GET /admin/realms/{realm}/keys}: every key with status, kid, algorithm and provider. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> keys(String realm) {
        return (List<Map<String, Object>>) expect(200, send("GET", "/admin/realms/" + realm + "/keys", null)).json().get("keys");
    }

    public Map<String, Object> serverInfo() {
        return expect(200, send("GET", "/admin/serverinfo", null)).json();
    }

    private String realmId(String realm) {
        return (String) expect(200, send("GET", "/admin/realms/" + realm, null)).json().get("id");
    }

    // ---- public endpoints ----

    /** The realm's JWKS as gateways fetch it. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> certs(String realm) {
        Response r = get(server.issuer(realm) + "/protocol/openid-connect/certs");
        return (List<Map<String, Object>>) expect(200, r).json().get("keys");
    }

    public List<String> certKids(String realm) {
        return certs(realm).stream().map(k -> (String) k.get("kid")).collect(Collectors.toList());
    }

    /** An access token from the client-credentials grant. */
    public String clientCredentialsToken(String realm, String clientId, String secret) {
        Response r = form(server.issuer(realm) + "/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
        return (String) expect(200, r).json().get("access_token");
    }

    // ---- plumbing ----

    public static Map<String, Object> parse(String json) {
        try {
            return JsonUtil.parseJson(json);
        } catch (JoseException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asJsonObject(Object body) {
        return (Map<String, ?>) body;
    }

    private static Map<String, List<String>> multi(Map<String, String> config) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        config.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    private static Response expect(int status, Response r) {
        if (r.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + r.status() + ": " + r.body());
        }
        return r;
    }

    private synchronized String adminToken() {
        // master's admin-cli tokens live 60 s: take a fresh one well before that
        if (adminToken == null || Instant.now().isAfter(adminTokenAt.plusSeconds(30))) {
            Response r = form(server.issuer("master") + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "admin-cli",
                    "username", KeycloakServer.ADMIN, "password", KeycloakServer.ADMIN_PASSWORD));
            adminToken = (String) expect(200, r).json().get("access_token");
            adminTokenAt = Instant.now();
        }
        return adminToken;
    }

    private Response send(String method, String path, Object body) {
        Response response = sendOnce(method, path, body);
        if (response.status() == 401) {
            // the admin session did not survive a server restart: log in again once
            synchronized (this) {
                adminToken = null;
            }
            response = sendOnce(method, path, body);
        }
        return response;
    }

    private Response sendOnce(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken())
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(asJsonObject(body))));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return execute(b.build());
    }

    private Response get(String url) {
        return execute(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private Response form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return execute(b.build());
    }

    private Response execute(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
