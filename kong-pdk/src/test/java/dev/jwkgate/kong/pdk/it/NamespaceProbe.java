package dev.jwkgate.kong.pdk.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.client.Consumer;
import dev.jwkgate.kong.pdk.client.Credential;
import dev.jwkgate.kong.pdk.request.RawBody;
import dev.jwkgate.kong.pdk.server.PluginServerCli;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin server Kong starts in {@link NamespacesInRealKongIT}: a plugin that calls every method the PDK ships and
 * reports what Kong answered. The {@code x-probe} request header picks what the access phase does:
 * <ul>
 *   <li>{@code read}: reads the request, client, nginx, node and shared-context facts and answers them as JSON
 *       through {@code kong.response.exit};</li>
 *   <li>{@code forward}: rewrites the upstream request with every {@code kong.service.request} call and
 *       {@code kong.service.set_target} (the route's own service points at a closed port);</li>
 *   <li>{@code upstream}: routes through {@code kong.service.set_upstream} instead;</li>
 *   <li>{@code exit}, {@code exit-bare}: ends the request with {@code kong.response.exit}.</li>
 * </ul>
 * The response phase reads {@code kong.service.response} and {@code kong.response} and reports them in response
 * headers it sets, adds and clears; the log phase writes the shared context into Kong's error log.
 */
public final class NamespaceProbe {

    static final String NAME = "pdkprobe";
    static final String SHARED_KEY = "pdkprobe-shared";
    static final String ALICE_ID = "0b4ad5c2-4f0e-4d7a-9b1c-6a7e8f9d0c1b";
    static final String LOG_MARK = "pdkprobe-log";

    private static final ObjectMapper JSON = new ObjectMapper();

    static final PluginDefinition DEFINITION = PluginDefinition.builder(NAME).version("1.0.0").priority(1000)
            .phases(Phase.ACCESS, Phase.RESPONSE, Phase.LOG)
            .instances(config -> new Probe())
            .build();

    private NamespaceProbe() {
    }

    public static void main(String[] args) {
        int code = PluginServerCli.run(DEFINITION, args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** One configured instance. */
    private static final class Probe implements KongPlugin {

        @Override
        public void access(Kong kong) {
            String mode = kong.request.getHeader("x-probe");
            kong.ctx.shared.set(SHARED_KEY, "shared-" + mode);
            switch (mode) {
                case "read" -> kong.response.exit(200, json(read(kong)), Map.of("Content-Type", "application/json"));
                case "credential" -> kong.response.exit(200, json(credentialOnly(kong)),
                        Map.of("Content-Type", "application/json"));
                case "forward" -> forward(kong);
                case "upstream" -> {
                    boolean missing = kong.service.setUpstream("pdkprobe-missing");
                    boolean found = kong.service.setUpstream("pdkprobe-upstream");
                    kong.service.request.setHeader("X-Probe-Upstream", found + "," + missing);
                    kong.service.request.setRawQuery("raw=1&raw=2");
                }
                case "exit" -> kong.response.exit(418, "short and stout".getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "text/plain", "X-Probe-Exit", "yes"));
                case "exit-bare" -> kong.response.exit(204);
                case "log" -> {
                    String nonce = kong.request.getHeader("x-nonce");
                    kong.log.alert(LOG_MARK, " alert ", nonce);
                    kong.log.crit(LOG_MARK, " crit ", nonce);
                    kong.log.err(LOG_MARK, " err ", nonce);
                    kong.log.warn(LOG_MARK, " warn ", nonce);
                    kong.log.notice(LOG_MARK, " notice ", nonce, " ", 42, " ", true);
                    kong.log.info(LOG_MARK, " info ", nonce);
                    kong.log.debug(LOG_MARK, " debug ", nonce);
                    kong.response.exit(200);
                }
                default -> kong.response.exit(400);
            }
        }

        private static Map<String, Object> read(Kong kong) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("method", kong.request.getMethod());
            out.put("scheme", kong.request.getScheme());
            out.put("host", kong.request.getHost());
            out.put("port", kong.request.getPort());
            out.put("path", kong.request.getPath());
            out.put("pathWithQuery", kong.request.getPathWithQuery());
            out.put("rawQuery", kong.request.getRawQuery());
            out.put("forwardedScheme", kong.request.getForwardedScheme());
            out.put("forwardedHost", kong.request.getForwardedHost());
            out.put("httpVersion", kong.request.getHttpVersion());
            out.put("header", kong.request.getHeader("X-Multi"));
            out.put("headers", kong.request.getHeaders(100));
            out.put("queryArg", kong.request.getQueryArg("a"));
            out.put("query", kong.request.getQuery(100));
            RawBody body = kong.request.getRawBody();
            out.put("bodyText", body.content() == null ? null : new String(body.content(), StandardCharsets.UTF_8));
            out.put("bodyFile", body.filePath());
            out.put("clientIp", kong.client.getIp());
            out.put("clientForwardedIp", kong.client.getForwardedIp());
            out.put("clientPort", kong.client.getPort());
            out.put("clientForwardedPort", kong.client.getForwardedPort());
            out.put("protocol", kong.client.getProtocol(false));
            Consumer byName = kong.client.loadConsumer("alice", true);
            out.put("consumerByUsername", byName);
            out.put("consumerById", kong.client.loadConsumer(ALICE_ID, false));
            out.put("consumerUnknown", kong.client.loadConsumer("nobody-here", true));
            out.put("consumerBeforeAuthenticate", kong.client.getConsumer());
            kong.client.authenticate(byName, new Credential("9d3e5f7a-1b2c-4d5e-8f9a-0b1c2d3e4f5a", ALICE_ID));
            out.put("consumerAuthenticated", kong.client.getConsumer());
            out.put("credentialAuthenticated", kong.client.getCredential());
            out.put("nginxVar", kong.nginx.getVar("request_uri"));
            out.put("nginxVarUnset", kong.nginx.getVar("cookie_none"));
            out.put("subsystem", kong.nginx.getSubsystem());
            out.put("requestStart", kong.nginx.reqStartTime());
            out.put("nodeId", kong.node.getId());
            out.put("shared", kong.ctx.shared.get(SHARED_KEY));
            kong.ctx.shared.set("pdkprobe-structured", Map.of("list", List.of("x", "y"), "n", 7));
            out.put("sharedStructured", kong.ctx.shared.get("pdkprobe-structured"));
            out.put("sharedAbsent", kong.ctx.shared.get("pdkprobe-absent"));
            return out;
        }

        /**
         * A credential without a consumer (what an OIDC-style plugin hands over for a token subject), and Kong's
         * {@code load_consumer(value, true)} given a UUID-shaped value: it answers the consumer with that id.
         */
        private static Map<String, Object> credentialOnly(Kong kong) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("credentialBefore", kong.client.getCredential());
            kong.client.authenticate(null, new Credential("virtual-subject", null));
            out.put("consumer", kong.client.getConsumer());
            out.put("credential", kong.client.getCredential());
            out.put("uuidByUsername", kong.client.loadConsumer(ALICE_ID, true));
            kong.ctx.shared.set("authenticated_groups", List.of());
            out.put("emptyGroups", kong.ctx.shared.get("authenticated_groups"));
            return out;
        }

        private static void forward(Kong kong) {
            String echoPort = kong.request.getHeader("x-echo-port");
            kong.service.setTarget("127.0.0.1", Integer.parseInt(echoPort));
            kong.service.request.setScheme("http");
            kong.service.request.setMethod("PUT");
            kong.service.request.setPath("/rewritten/path");
            kong.service.request.setQuery(Map.of("q", List.of("1", "2")));
            kong.service.request.setHeader("X-Set", "set-by-probe");
            kong.service.request.addHeader("X-Add", "added-by-probe");
            kong.service.request.clearHeader("X-Clear");
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("X-Table", "from-set-headers");
            table.put("X-Table-Removed", List.of());
            kong.service.request.setHeaders(table);
            kong.service.request.setRawBody("body-by-probe".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void response(Kong kong) {
            String serviceHeader = kong.service.response.getHeader("X-Echo-Keep");
            int serviceStatus = kong.service.response.getStatus();
            byte[] serviceBody = kong.service.response.getRawBody();
            int status = kong.response.getStatus();
            String header = kong.response.getHeader("X-Echo-Keep");
            Map<String, List<String>> headers = kong.response.getHeaders(100);
            kong.response.setHeader("X-Probe-Service", serviceStatus + " " + serviceHeader + " " + serviceBody.length);
            kong.response.setHeader("X-Probe-Response", status + " " + header + " "
                    + headers.getOrDefault("x-echo-drop", List.of()));
            kong.response.setHeader("X-Probe-Shared", String.valueOf(kong.ctx.shared.get(SHARED_KEY)));
            kong.response.setHeader("X-Echo-Keep", "replaced");
            kong.response.addHeader("X-Probe-Added", "one");
            kong.response.addHeader("X-Probe-Added", "two");
            kong.response.clearHeader("X-Echo-Drop");
            kong.response.setStatus(203);
        }

        @Override
        public void log(Kong kong) {
            kong.log.notice(LOG_MARK, " log phase, shared=", kong.ctx.shared.get(SHARED_KEY));
        }

        private static byte[] json(Object value) {
            try {
                return JSON.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
