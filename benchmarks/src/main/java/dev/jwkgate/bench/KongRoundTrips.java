package dev.jwkgate.bench;

import dev.jwkgate.kong.jwt.JwtPluginDefinition;
import dev.jwkgate.kong.load.KongLoadDriver;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.server.PluginServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Part 4(b), split by cause: one access event through the Kong plugin server for baselines that make a
 * known number of PDK calls and validate nothing, and for the JWT plugin (token cache on) forwarding one and
 * three claims. Kong's external-plugin protocol makes every awaited PDK call a round trip on the socket; calls
 * returning nothing ({@code set_headers}, {@code set_header}) travel without waiting (kong-pdk), so the
 * baselines show what an awaited call and a sent one cost, and jwkgate against the baseline with its own calls
 * shows what jwkgate itself costs. Driven by the adapter's own {@code KongLoadDriver}, rows alternated round by
 * round so all see the same machine. The exchanges printed are the event plus the PDK calls of a measured event
 * (awaited or not); the server CPU per event (its connection threads only) is the figure least disturbed by
 * neighbours on the cores.
 *
 * <p>Usage: {@code KongRoundTrips [threads=4] [events-per-thread=20000] [warmup=10000] [rounds=2]}.
 */
public final class KongRoundTrips {

    private static final List<String> CLAIMS = List.of("sub", "azp", "scope");
    private static final List<String> HEADERS = List.of("X-User-Id", "X-Client-Id", "X-Scope");

    private KongRoundTrips() {
    }

    /** One row of the table: a plugin on its own server, and the config of its instances. */
    private record Row(String label, PluginServer server, String plugin, String config) {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Fixture fixture = Fixture.forAlgorithm("RS256");
        Path dir = Files.createTempDirectory("kong-rt");
        Map<String, Object> request = Map.of("authorization", "Bearer " + fixture.token, "x-user-id", "mallory",
                "user-agent", "load", "accept", "*/*", "host", "api.example");
        String noConfig = "{\"__seq__\":1}";
        try (PluginServer noop = PluginServer.start(baseline("noop", kong -> { }), dir.resolve("noop.sock"));
             PluginServer read = PluginServer.start(baseline("readheaders", KongRoundTrips::readHeaders),
                     dir.resolve("read.sock"));
             PluginServer setAll = PluginServer.start(baseline("setheaders", kong -> {
                 readHeaders(kong);
                 kong.service.request.setHeaders(Map.of(HEADERS.get(0), List.of("user")));
             }), dir.resolve("set-all.sock"));
             PluginServer setEach = PluginServer.start(baseline("setheadereach", kong -> {
                 readHeaders(kong);
                 HEADERS.forEach(header -> kong.service.request.setHeader(header, "value"));
             }), dir.resolve("set-each.sock"));
             PluginServer jwt = PluginServer.start(new JwtPluginDefinition(), dir.resolve("jwt.sock"))) {
            List<Row> rows = List.of(
                    new Row("no-op", noop, "noop", noConfig),
                    new Row("get_headers only", read, "readheaders", noConfig),
                    new Row("get_headers + set_headers", setAll, "setheaders", noConfig),
                    new Row("get_headers + 3 set_header", setEach, "setheadereach", noConfig),
                    new Row("jwkgate, 1 claim", jwt, "jwkgate", jwtConfig(fixture, 1, 1)),
                    new Row("jwkgate, 3 claims", jwt, "jwkgate", jwtConfig(fixture, 3, 2)));
            System.out.printf(Locale.ROOT, "one access event: %d threads x %d events (after %d warm-up), %d rounds, %d cores, %s%n",
                    threads, events, warmup, rounds, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            System.out.printf(Locale.ROOT, "%-28s %11s %10s %9s %9s %14s%n", "plugin", "exchanges", "events/s", "p50 us",
                    "p99 us", "server CPU us");
            Map<String, Double> total = new LinkedHashMap<>();
            Map<String, Double> cpu = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Row row : rows) {
                    KongLoadDriver.Result result = KongLoadDriver.measure(row.server().socketPath(), row.plugin(),
                            row.config(), request, threads, events, warmup);
                    System.out.printf(Locale.ROOT, "%-28s %11d %10.0f %9.0f %9.0f %14.1f  (round %d)%n", row.label(),
                            result.roundTrips(), result.eventsPerSecond(), result.micros(0.50), result.micros(0.99),
                            result.serverCpuMicrosPerEvent(), round);
                    total.merge(row.label(), result.eventsPerSecond(), Double::sum);
                    cpu.merge(row.label(), result.serverCpuMicrosPerEvent() / rounds, Double::sum);
                }
            }
            List<String> ratios = new ArrayList<>();
            double noopTotal = total.get("no-op");
            for (Row row : rows.subList(1, rows.size())) {
                ratios.add(String.format(Locale.ROOT, "%s %.2f", row.label(), total.get(row.label()) / noopTotal));
            }
            System.out.println("x no-op (sum of rounds): " + String.join(", ", ratios));
            System.out.printf(Locale.ROOT, "jwkgate x get_headers + set_headers (the same calls): 1 claim %.2f, 3 claims %.2f%n",
                    total.get("jwkgate, 1 claim") / total.get("get_headers + set_headers"),
                    total.get("jwkgate, 3 claims") / total.get("get_headers + set_headers"));
            List<String> perEvent = new ArrayList<>();
            cpu.forEach((label, micros) -> perEvent.add(String.format(Locale.ROOT, "%s %.1f", label, micros)));
            System.out.println("server CPU us per event (mean of rounds): " + String.join(", ", perEvent));
        }
    }

    /** The floor of any plugin that must see the token: every request header, in one call. */
    private static void readHeaders(Kong kong) {
        kong.request.getHeaders(1000);
    }

    private static String jwtConfig(Fixture fixture, int claims, int seq) {
        return "{\"issuer\":\"" + Fixture.ISSUER + "\",\"jwks\":" + quote(fixture.jwksJson) + ","
                + "\"audience_required\":[\"" + Fixture.AUDIENCE + "\"],"
                + "\"forward_claims\":" + jsonObject(CLAIMS.subList(0, claims), HEADERS.subList(0, claims))
                + ",\"__seq__\":" + seq + "}";
    }

    /** A plugin that runs {@code access} and nothing else: no configuration, no validation. */
    private static PluginDefinition baseline(String name, Consumer<Kong> access) {
        return PluginDefinition.builder(name).version("1.0.0").priority(1).phases(Phase.ACCESS)
                .instances(config -> new KongPlugin() {
                    @Override
                    public void access(Kong kong) {
                        access.accept(kong);
                    }
                })
                .build();
    }

    /** {@code {"key": "value", …}}, keys and values at the same positions. */
    private static String jsonObject(List<String> keys, List<String> values) {
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            object.append(i == 0 ? "" : ",").append('"').append(keys.get(i)).append("\":\"").append(values.get(i)).append('"');
        }
        return object.append('}').toString();
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
