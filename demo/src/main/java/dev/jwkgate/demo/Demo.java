package dev.jwkgate.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.it.e2e.Answer;
import dev.jwkgate.it.e2e.Gateways;
import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jose4j.json.JsonUtil;

/**
 * The main job in one command: Keycloak (the distribution, with the jwkgate provider and a demo realm
 * whose keys the rotating provider manages), the APISIX runner and the Kong plugin server (the deployables,
 * started as their gateways start them), and a small HTTP front on loopback that hands each request to a
 * plugin through its gateway's protocol. Ctrl-C stops everything.
 */
public final class Demo {

    private static final PrintStream OUT = System.out;
    static final String REALM = "demo";
    static final String CLIENT = "demo-client";
    static final String SECRET = "demo-secret";
    private static final String ADMIN_CLIENT = "demo-admin-client";
    private static final int PREFERRED_PORT = 8000;

    private final Properties paths;
    private volatile KeycloakServer keycloak;
    private volatile Gateways gateways;
    private volatile HttpServer front;

    private Demo(Properties paths) {
        this.paths = paths;
    }

    public static void main(String[] args) throws Exception {
        Properties paths = new Properties();
        try (InputStream in = Demo.class.getResourceAsStream("/jwkgate-demo.properties")) {
            paths.load(in);
        }
        Demo demo = new Demo(paths);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.stop();
            stopped.countDown();
        }, "demo-stop"));
        try {
            demo.run();
        } catch (Exception e) {
            OUT.println("\nThe demo could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void run() throws Exception {
        for (String jar : List.of("provider.jar", "runner.jar", "kong.jar")) {
            if (!Files.isRegularFile(Path.of(paths.getProperty(jar)))) {
                throw new IllegalStateException(paths.getProperty(jar) + " is missing: build first with "
                        + "./mvnw -B -q -pl demo -am package -DskipTests");
            }
        }
        Path work = Path.of(paths.getProperty("work.dir"));
        Path home = keycloakHome(work);

        step("Starting Keycloak " + paths.getProperty("keycloak.version") + " with the jwkgate provider (25–130 s)");
        System.setProperty("jwkgate.kc.home", home.toString());
        System.setProperty("jwkgate.kc.providerJar", paths.getProperty("provider.jar"));
        System.setProperty("jwkgate.kc.workDir", work.resolve("keycloak-work").toString());
        Thread ticker = ticker("Keycloak starting", work.resolve("keycloak-work/keycloak.log"));
        try {
            keycloak = KeycloakServer.start();
        } finally {
            ticker.interrupt();
        }
        AdminApi admin = new AdminApi(keycloak);
        admin.createRealm(REALM, "ES256", 300);
        admin.createServiceClient(REALM, CLIENT, SECRET);
        admin.createServiceClient(REALM, ADMIN_CLIENT, SECRET);
        AdminApi.Response rotating = admin.addKeyProvider(REALM, "rotating", "jwkgate-rotating",
                Map.of("priority", "500", "algorithm", "ES256"));
        if (rotating.status() != 201) {
            throw new IllegalStateException("the rotating key provider was refused: " + rotating.body());
        }
        step("Realm '" + REALM + "' ready: keys from the jwkgate rotating provider (ES256), clients " + CLIENT
                + " and " + ADMIN_CLIENT);

        step("Starting the APISIX runner and the Kong plugin server");
        System.setProperty("jwkgate.apisix.runnerJar", paths.getProperty("runner.jar"));
        System.setProperty("jwkgate.kong.jar", paths.getProperty("kong.jar"));
        System.setProperty("jwkgate.kong.launcher", paths.getProperty("kong.launcher"));
        System.setProperty("jwkgate.e2e.logDir", work.resolve("logs").toString());
        gateways = Gateways.start();

        front = startFront();
        int port = front.getAddress().getPort();
        String base = "http://127.0.0.1:" + port;
        String token = admin.clientCredentialsToken(REALM, CLIENT, SECRET);
        String tokenUrl = keycloak.issuer(REALM) + "/protocol/openid-connect/token";
        OUT.printf("%n==> jwkgate demo is running%n"
                        + "    Keycloak        %s  (admin console: %s, user %s / %s)%n"
                        + "    issuer          %s%n"
                        + "    APISIX route    %s/apisix/orders   (any valid token of the realm)%n"
                        + "    Kong route      %s/kong/orders%n"
                        + "    admin routes    %s/apisix/admin, %s/kong/admin   (only client %s)%n"
                        + "    plugin logs     %s%n%n"
                        + "Try it (this token lives 5 minutes):%n%n"
                        + "  curl -i -H 'Authorization: Bearer %s' %s/apisix/orders%n%n"
                        + "  curl -i %s/kong/orders                      # 401 missing_token%n"
                        + "  curl -i -H 'Authorization: Bearer %s' %s/kong/admin   # 403%n%n"
                        + "A fresh token at any time:%n%n"
                        + "  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=%s %s"
                        + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')%n"
                        + "  curl -i -H \"Authorization: Bearer $TOKEN\" %s/kong/orders%n%n"
                        + "Ctrl-C stops Keycloak, both plugin servers and this front.%n",
                keycloak.baseUrl(), keycloak.baseUrl() + "/admin", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD,
                keycloak.issuer(REALM), base, base, base, base, ADMIN_CLIENT, work.resolve("logs"),
                token, base, base, token, base, CLIENT, SECRET, tokenUrl, base);
    }

    /** The two routes of each gateway: any valid token, and a route only the admin client may call. */
    private Map<String, Policy> routes() {
        Map<String, String> forward = Map.of("sub", "X-User-Id", "azp", "X-Client-Id", "scope", "X-Scope");
        return Map.of(
                "orders", Policy.discovering(keycloak.issuer(REALM)).set("forward_claims", forward),
                "admin", Policy.discovering(keycloak.issuer(REALM)).set("forward_claims", forward)
                        .set("claims_any_of", Map.of("azp", List.of(ADMIN_CLIENT))));
    }

    private HttpServer startFront() throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PREFERRED_PORT), 64);
        } catch (BindException busy) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        }
        Map<String, Policy> routes = routes();
        server.createContext("/apisix/", exchange -> handle(exchange, "apisix", routes, gateways::apisix));
        server.createContext("/kong/", exchange -> handle(exchange, "kong", routes, gateways::kong));
        server.createContext("/", exchange -> reply(exchange, 404, Map.of("error", "not_found",
                "routes", List.of("/apisix/orders", "/apisix/admin", "/kong/orders", "/kong/admin"))));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private static void handle(HttpExchange exchange, String gateway, Map<String, Policy> routes,
                               BiFunction<Policy, String, Answer> plugin) throws IOException {
        String route = exchange.getRequestURI().getPath().substring(gateway.length() + 2);
        Policy policy = routes.get(route);
        if (policy == null) {
            reply(exchange, 404, Map.of("error", "not_found", "gateway", gateway));
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        Answer answer;
        try {
            answer = plugin.apply(policy, token);
        } catch (RuntimeException e) {
            reply(exchange, 502, Map.of("error", "plugin_unreachable", "gateway", gateway));
            return;
        }
        if (answer.status() == 200) {
            reply(exchange, 200, Map.of("gateway", gateway, "route", route, "upstream_headers", answer.forwarded()));
        } else {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
            reply(exchange, answer.status(), Map.of("gateway", gateway, "route", route, "reason", answer.reason()));
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] json = (JsonUtil.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    // ---- Keycloak distribution: the Maven Central zip, downloaded once with progress ----

    private Path keycloakHome(Path work) throws IOException, InterruptedException {
        String version = paths.getProperty("keycloak.version");
        Path home = work.resolve("keycloak/keycloak-" + version);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        String file = "keycloak-quarkus-dist-" + version + ".zip";
        Path zip = Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist", version, file);
        if (!Files.isRegularFile(zip)) {
            zip = work.resolve(file);
            if (!Files.isRegularFile(zip)) {
                download(URI.create("https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/"
                        + version + "/" + file), zip);
            }
        }
        unzip(zip, work.resolve("keycloak"));
        for (Path script : Files.newDirectoryStream(home.resolve("bin"), "*.sh")) {
            script.toFile().setExecutable(true);
        }
        return home;
    }

    private static void download(URI uri, Path target) throws IOException, InterruptedException {
        step("Downloading Keycloak from " + uri);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("download failed: HTTP " + response.statusCode() + " for " + uri);
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            int lastPercent = -1;
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                int percent = total > 0 ? (int) (done * 100 / total) : -1;
                if (percent != lastPercent && percent % 5 == 0) {
                    OUT.printf("\r    %3d %%  %d of %d MB", percent, done >> 20, total >> 20);
                    lastPercent = percent;
                }
            }
        }
        OUT.println();
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void unzip(Path zip, Path into) throws IOException {
        step("Unpacking " + zip.getFileName());
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Path root = into.toAbsolutePath().normalize();
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    // ---- progress and shutdown ----

    private static void step(String what) {
        OUT.println("==> " + what);
    }

    /** Prints the elapsed time and Keycloak's latest log line every few seconds while it starts. */
    private static Thread ticker(String what, Path log) {
        Instant begin = Instant.now();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(5000);
                    OUT.printf("    %s… %d s  %s%n", what, Duration.between(begin, Instant.now()).toSeconds(), lastLine(log));
                }
            } catch (InterruptedException done) {
                // started (or failed)
            }
        }, "demo-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).collect(Collectors.toList());
            if (lines.isEmpty()) {
                return "";
            }
            String line = lines.get(lines.size() - 1).replaceAll("^\\S+ \\S+ +\\w+ +\\[[^]]*] \\([^)]*\\) ", "");
            return line.length() > 90 ? line.substring(0, 90) + "…" : line;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void stop() {
        OUT.println("\n==> Stopping the front, both plugin servers and Keycloak");
        // SIGTERM to every child at once: none outlives the demo even when this stop is cut short (a hung-up terminal)
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        if (front != null) {
            front.stop(0);
        }
        if (gateways != null) {
            gateways.close();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        OUT.println("==> Stopped.");
    }
}
