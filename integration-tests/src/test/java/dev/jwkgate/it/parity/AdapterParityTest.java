package dev.jwkgate.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.FilterConfParser;
import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.apisix.peer.A6Messages;
import dev.jwkgate.apisix.peer.Entry;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.apisix.support.Claims;
import dev.jwkgate.apisix.support.SigningKey;
import dev.jwkgate.config.Platform;
import dev.jwkgate.config.Setting;
import dev.jwkgate.gateway.GatewayPolicies;
import dev.jwkgate.gateway.ConsumerHeaders;
import dev.jwkgate.kong.jwt.JwtPluginDefinition;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One request table through both adapters, in process: the Kong plugin through Kong's PDK test double, the APISIX
 * filter through the runner's own request and answer classes. Every request must reach the upstream alike (the
 * same headers, the same query arguments) or be refused alike (status, challenge, body), since the core decides
 * and the adapters only translate.
 *
 * <p>Each platform's side is modelled as the platform behaves: Kong hands over its {@code get_headers} table
 * (lower-case names, repeated names as arrays) and applies {@code set_headers}/{@code set_raw_query}; APISIX sends
 * one entry per header line and applies the Rewrite with {@code ngx.req.set_header} (every line of that name, any
 * case) and by removing arguments by name. APISIX re-encodes the query from its argument table, so arguments are
 * compared decoded and sorted; the table also names the expected verdict of each row, so a change that made both
 * adapters wrong alike fails as well.
 */
class AdapterParityTest {

    private static final String ISSUER = "https://idp.example/realms/parity";
    private static final String AUDIENCE = "orders";
    private static final SigningKey KEY = SigningKey.rsa("parity-1");
    private static final SigningKey IMPOSTOR = KEY.impostor();

    private static final String VALID = KEY.sign(Claims.accessToken(ISSUER, AUDIENCE, "alice")
            .set("email", "alice@example.org").map());
    private static final String WITHOUT_EMAIL = KEY.sign(Claims.accessToken(ISSUER, AUDIENCE, "bob").map());
    private static final String FORGED = IMPOSTOR.sign(Claims.accessToken(ISSUER, AUDIENCE, "admin").map());
    private static final String EXPIRED = KEY.sign(Claims.accessToken(ISSUER, AUDIENCE, "alice")
            .expiredSecondsAgo(3_600).map());

    /** A route's settings under their core names; Kong's names come from the core's Setting table. */
    private record Route(String name, Map<String, Object> settings) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Route PLAIN = new Route("plain", settings(Map.of()));
    private static final Route STRIPPING = new Route("stripping", settings(Map.of(
            "strip_token", true,
            "token_headers", List.of("authorization", "x-token"),
            "token_query_params", List.of("jwt"),
            "token_cookies", List.of("session"),
            "run_on_preflight", false)));

    private static Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("issuer", ISSUER);
        settings.put("jwks", "{\"keys\":[" + KEY.publicJwkJson() + "]}");
        settings.put("audiences", List.of(AUDIENCE));
        settings.put("forward_claims", Map.of("sub", "X-User-Sub", "email", "X-User-Email"));
        settings.putAll(extra);
        return settings;
    }

    /** One client request: header lines as sent (names in any case, repeats), a raw query, and each route's verdict. */
    private record Case(String name, String method, List<Entry> headers, String rawQuery, int plain, int stripping) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Entry h(String name, String value) {
        return new Entry(name, value);
    }

    private static final int UPSTREAM = 200;

    static Stream<Arguments> requests() {
        List<Entry> hundredLines = new ArrayList<>(List.of(h("Authorization", "Bearer " + VALID)));
        for (int i = 1; i < 100; i++) {
            hundredLines.add(h("X-Filler-" + i, "v"));
        }
        List<Case> cases = List.of(
                new Case("valid bearer token", "GET", List.of(h("Authorization", "Bearer " + VALID)), "", UPSTREAM, UPSTREAM),
                new Case("forged signature", "GET", List.of(h("Authorization", "Bearer " + FORGED)), "", 401, 401),
                new Case("expired token", "GET", List.of(h("Authorization", "Bearer " + EXPIRED)), "", 401, 401),
                new Case("no token", "GET", List.of(h("Accept", "application/json")), "", 401, 401),
                new Case("two Authorization headers", "GET", List.of(h("Authorization", "Bearer " + VALID),
                        h("authorization", "Bearer " + VALID)), "", 401, 401),
                new Case("header name and scheme in other cases", "GET",
                        List.of(h("AUTHORIZATION", "bearer " + VALID)), "", UPSTREAM, UPSTREAM),
                new Case("client copies of a forwarded header under every spelling", "GET", List.of(
                        h("Authorization", "Bearer " + VALID), h("X-User-Sub", "admin"), h("x_user_sub", "admin"),
                        h("X-User_Sub", "admin"), h("X-USER-SUB", "admin"), h("x-user-email", "mallory@example.org")),
                        "", UPSTREAM, UPSTREAM),
                new Case("client copy of a forwarded header whose claim the token lacks", "GET", List.of(
                        h("Authorization", "Bearer " + WITHOUT_EMAIL), h("X-User-Email", "mallory@example.org"),
                        h("x_user_email", "mallory@example.org")), "", UPSTREAM, UPSTREAM),
                new Case("repeated client copies of a forwarded header", "GET", List.of(
                        h("Authorization", "Bearer " + VALID), h("x-user-sub", "a"), h("x-user-sub", "b")),
                        "", UPSTREAM, UPSTREAM),
                new Case("token in the query among other arguments", "GET", List.of(h("Accept", "*/*")),
                        "a=1&jwt=" + VALID + "&b=%20x&flag", 401, UPSTREAM),
                new Case("token query parameter sent twice", "GET", List.of(), "jwt=" + VALID + "&jwt=" + VALID,
                        401, 401),
                new Case("token in a cookie among others", "GET",
                        List.of(h("Cookie", "theme=dark; session=" + VALID + "; lang=en")), "", 401, UPSTREAM),
                new Case("token cookie sent twice", "GET", List.of(h("Cookie", "session=" + VALID),
                        h("Cookie", "lang=en; session=" + FORGED)), "", 401, 401),
                new Case("token in a custom header", "GET", List.of(h("X-Token", VALID)), "", 401, UPSTREAM),
                new Case("custom token header with an underscore twin", "GET", List.of(h("x-token", VALID),
                        h("x_token", FORGED)), "", 401, 401),
                new Case("bearer token with a query string left alone", "GET",
                        List.of(h("Authorization", "Bearer " + VALID)), "page=2&sort=name", UPSTREAM, UPSTREAM),
                new Case("CORS preflight without a token, with a spoofed forwarded header", "OPTIONS", List.of(
                        h("Origin", "https://app.example"), h("Access-Control-Request-Method", "POST"),
                        h("X-User-Sub", "admin"), h("x_user_sub", "admin")), "", 401, UPSTREAM),
                new Case("OPTIONS that is no CORS preflight", "OPTIONS", List.of(h("Origin", "https://app.example")),
                        "", 401, 401),
                new Case("CORS preflight carrying a forged token", "OPTIONS", List.of(
                        h("Origin", "https://app.example"), h("Access-Control-Request-Method", "POST"),
                        h("Authorization", "Bearer " + FORGED)), "", 401, 401),
                new Case("100 header lines, more than APISIX hands over in full", "GET", hundredLines, "", 401, 401));
        return cases.stream().flatMap(c -> Stream.of(Arguments.of(PLAIN, c), Arguments.of(STRIPPING, c)));
    }

    /** What the upstream receives, or what the client is answered. */
    private sealed interface Outcome {
    }

    /** Headers as the upstream receives them (lower-case names, every value in order) and the decoded arguments. */
    private record Forwarded(Map<String, List<String>> headers, List<String> arguments) implements Outcome {
    }

    private record Refused(int status, String wwwAuthenticate, String body) implements Outcome {
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("requests")
    void bothAdaptersForwardOrRefuseTheRequestAlike(Route route, Case request) {
        Outcome kong = throughKong(route, request);
        Outcome apisix = throughApisix(route, request);

        assertThat(apisix).as("APISIX against Kong").isEqualTo(kong);
        int expected = route == PLAIN ? request.plain() : request.stripping();
        if (expected == UPSTREAM) {
            assertThat(kong).isInstanceOf(Forwarded.class);
            assertOnlyVerifiedValuesReachTheUpstream((Forwarded) kong, route);
        } else {
            assertThat(kong).isInstanceOf(Refused.class);
            assertThat(((Refused) kong).status()).isEqualTo(expected);
        }
    }

    /**
     * The upstream reads headers as CGI does (upper case, {@code -} as {@code _}); under each forwarded header's
     * name it finds at most the verified claim, and with {@code strip_token} no token at all.
     */
    private static void assertOnlyVerifiedValuesReachTheUpstream(Forwarded forwarded, Route route) {
        Map<String, List<String>> cgi = new TreeMap<>();
        forwarded.headers().forEach((name, values) ->
                cgi.computeIfAbsent(cgiName(name), n -> new ArrayList<>()).addAll(values));
        assertThat(cgi.getOrDefault("HTTP_X_USER_SUB", List.of())).isSubsetOf("alice", "bob");
        assertThat(cgi.getOrDefault("HTTP_X_USER_SUB", List.of())).hasSizeLessThanOrEqualTo(1);
        assertThat(cgi.getOrDefault("HTTP_X_USER_EMAIL", List.of())).isSubsetOf("alice@example.org");
        if (route == STRIPPING) {
            assertThat(cgi).doesNotContainKeys("HTTP_AUTHORIZATION", "HTTP_X_TOKEN");
            assertThat(forwarded.arguments()).noneMatch(argument -> argument.startsWith("jwt="));
            assertThat(cgi.getOrDefault("HTTP_COOKIE", List.of())).noneMatch(cookie -> cookie.contains("session="));
        }
    }

    private static String cgiName(String header) {
        return "HTTP_" + header.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    // ---- Kong: the plugin built from Kong-named settings, run against Kong's PDK double ----

    private static Outcome throughKong(Route route, Case request) {
        KongPlugin plugin = new JwtPluginDefinition().newInstance(kongSettings(route.settings()));
        try {
            FakeKongPdk pdk = FakeKongPdk.request(request.method(), kongHeaders(request.headers()), request.rawQuery());
            InMemoryChannel channel = new InMemoryChannel(pdk);
            plugin.access(new Kong(channel));
            EventOutcome exit = channel.exit();
            if (exit != null) {
                return new Refused(exit.exitStatus(), exit.exitHeaders().get("WWW-Authenticate"), exit.body());
            }
            String query = pdk.upstreamRawQuery() != null ? pdk.upstreamRawQuery() : request.rawQuery();
            return new Forwarded(withoutKongIdentity(pdk.upstreamHeaderMap()), decodedArguments(query));
        } finally {
            plugin.close();
        }
    }

    /**
     * Kong's own identity headers ({@code X-Consumer-*}, {@code X-Credential-Identifier}, set as Kong's auth plugins
     * do), which only Kong's consumer model has: checked to name at most the token's subject, then left out of the
     * comparison with APISIX.
     */
    private static Map<String, List<String>> withoutKongIdentity(Map<String, List<String>> upstream) {
        Map<String, List<String>> headers = new TreeMap<>(upstream);
        assertThat(headers.getOrDefault("x-credential-identifier", List.of())).isSubsetOf("alice", "bob")
                .hasSizeLessThanOrEqualTo(1);
        for (String name : List.of(ConsumerHeaders.CONSUMER_ID, ConsumerHeaders.CONSUMER_CUSTOM_ID,
                ConsumerHeaders.CONSUMER_USERNAME, ConsumerHeaders.ANONYMOUS)) {
            assertThat(headers).doesNotContainKey(name.toLowerCase(Locale.ROOT));
        }
        headers.remove(ConsumerHeaders.CREDENTIAL_IDENTIFIER.toLowerCase(Locale.ROOT));
        return headers;
    }

    /** Core names to Kong's, as an operator writes the Kong plugin's configuration. */
    private static Map<String, Object> kongSettings(Map<String, Object> core) {
        Map<String, Object> kong = new LinkedHashMap<>();
        core.forEach((name, value) -> kong.put(Setting.byName(name).orElseThrow().nameOn(Platform.KONG), value));
        return kong;
    }

    /** {@code kong.request.get_headers()}: lower-case names, a repeated name as an array of its values in order. */
    private static Map<String, Object> kongHeaders(List<Entry> lines) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        lines.forEach(line -> grouped.computeIfAbsent(line.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .add(line.value()));
        Map<String, Object> table = new LinkedHashMap<>();
        grouped.forEach((name, values) -> table.put(name, values.size() == 1 ? values.get(0) : values));
        return table;
    }

    // ---- APISIX: the filter with the runner's conf parsing, run on the runner's own request classes ----

    private static Outcome throughApisix(Route route, Case request) {
        FilterConfs confs = new FilterConfs(new FilterConfParser(GatewayPolicies.shared()::acquire)::parse);
        String conf = JsonUtil.toJson(route.settings());
        try {
            PeerRequest peer = PeerRequest.of(request.method(), "/orders");
            request.headers().forEach(line -> peer.header(line.name(), line.value()));
            List<Entry> arguments = arguments(request.rawQuery());
            arguments.forEach(argument -> peer.arg(argument.name(), argument.value()));
            HttpRequest call = HttpRequest.from(A6Messages.httpReqCall(1, 7, peer));
            HttpResponse response = new HttpResponse(call.getRequestId());
            call.initCtx(response, Map.of(JwkGateFilter.NAME, conf));
            new PluginFilterChain(List.of(new JwkGateFilter(confs))).filter(call, response);
            RunnerAnswer answer = A6Messages.httpReqCallResponse(response.encode()).answer();
            if (answer instanceof RunnerAnswer.Stop stop) {
                return new Refused(stop.status(), stop.header("WWW-Authenticate").orElse(null), stop.body());
            }
            List<Entry> lines = new ArrayList<>(request.headers());
            if (answer instanceof RunnerAnswer.Rewrite rewrite) {
                applyAsNginx(rewrite.headers(), lines);
                rewrite.args().forEach(removed -> arguments.removeIf(a -> a.name().equals(removed.name())));
            }
            Map<String, List<String>> upstream = new TreeMap<>();
            lines.forEach(line -> upstream.computeIfAbsent(line.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(line.value()));
            return new Forwarded(upstream, sorted(arguments));
        } finally {
            confs.release(conf);
        }
    }

    /** {@code ngx.req.set_header(name, value)} per entry: every line of that name, any case, replaced or removed. */
    private static void applyAsNginx(List<Entry> changes, List<Entry> lines) {
        for (Entry change : changes) {
            lines.removeIf(line -> line.name().equalsIgnoreCase(change.name()));
            if (change.value() != null) {
                lines.add(change);
            }
        }
    }

    // ---- query strings ----

    /** The query's arguments as nginx decodes them: a valueless {@code ?flag} has no value. */
    private static List<Entry> arguments(String rawQuery) {
        List<Entry> arguments = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            arguments.add(eq < 0 ? new Entry(decode(part), null)
                    : new Entry(decode(part.substring(0, eq)), decode(part.substring(eq + 1))));
        }
        return arguments;
    }

    private static List<String> decodedArguments(String rawQuery) {
        return sorted(arguments(rawQuery));
    }

    private static List<String> sorted(List<Entry> arguments) {
        return arguments.stream().map(a -> a.value() == null ? a.name() : a.name() + "=" + a.value()).sorted().toList();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
