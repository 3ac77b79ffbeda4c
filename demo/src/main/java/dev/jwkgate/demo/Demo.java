package dev.jwkgate.demo;

import dev.jwkgate.demo.front.ApisixRunnerFront;
import dev.jwkgate.demo.front.GatewayFront;
import dev.jwkgate.demo.front.HttpFront;
import dev.jwkgate.demo.front.KongPluginServerFront;
import dev.jwkgate.demo.front.RealGatewayFront;
import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.it.gateways.GatewayInstall;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The main job in one command: Keycloak (the distribution, with the jwkgate provider and a demo realm
 * whose keys the rotating provider manages), and both gateways with jwkgate: the real Apache APISIX and Kong when
 * they are installed ({@link GatewayInstall}), each starting the deployable itself, on ports of their own; otherwise
 * the APISIX runner and the Kong plugin server (the deployables, started as their gateways start them) behind a
 * small HTTP front on loopback that hands each request, as it came, to a plugin through its gateway's protocol and
 * gives the client that gateway's answer. Ctrl-C stops everything.
 */
public final class Demo {

    private static final PrintStream OUT = System.out;

    private final Properties paths;
    private final DemoPorts ports = DemoPorts.fromSystemProperties();
    private final List<GatewayFront> fronts = new CopyOnWriteArrayList<>();
    private volatile KeycloakServer keycloak;
    private volatile HttpFront front;

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
                        + "./mvnw -B -pl demo -am package -DskipTests");
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
        admin.createRealm(DemoRealm.NAME, "ES256", 300);
        admin.createServiceClient(DemoRealm.NAME, DemoRealm.CLIENT, DemoRealm.CLIENT_SECRET);
        admin.createServiceClient(DemoRealm.NAME, DemoRealm.ADMIN_CLIENT, DemoRealm.ADMIN_CLIENT_SECRET);
        AdminApi.Response rotating = admin.addKeyProvider(DemoRealm.NAME, "rotating", "jwkgate-rotating",
                Map.of("priority", "500", "algorithm", "ES256"));
        if (rotating.status() != 201) {
            throw new IllegalStateException("the rotating key provider was refused: " + rotating.body());
        }
        step("Realm '" + DemoRealm.NAME + "' ready: keys from the jwkgate rotating provider (ES256), clients "
                + DemoRealm.CLIENT + " and " + DemoRealm.ADMIN_CLIENT);

        Map<String, Policy> routes = DemoRealm.routes(keycloak.issuer(DemoRealm.NAME));
        Path logs = work.resolve("logs");
        Optional<GatewayInstall> install = GatewayInstall.find();
        List<String> serving = install.isPresent() ? startRealGateways(install.get(), routes, logs)
                : startProtocolFronts(routes, logs);
        front = startFront(fronts, ports.front());
        String frontUrl = "http://127.0.0.1:" + front.port();
        String apisix = frontUrl + "/apisix/";
        String kong = frontUrl + "/kong/";
        if (install.isPresent()) {
            apisix = ((RealGatewayFront) fronts.get(0)).url("").toString();
            kong = ((RealGatewayFront) fronts.get(1)).url("").toString();
            serving.add("front " + frontUrl + ": /apisix/…, /kong/… are forwarded to the two gateways");
        }

        String token = admin.clientCredentialsToken(DemoRealm.NAME, DemoRealm.CLIENT, DemoRealm.CLIENT_SECRET);
        OUT.print(new Banner(keycloak.baseUrl(), keycloak.issuer(DemoRealm.NAME), apisix, kong, serving, token).text());
    }

    /**
     * The real APISIX and Kong, when installed: each started with the deployable as its module README deploys it,
     * on the ports the demo prints, in parallel (each takes 5–30 s, most of it the Java process starting).
     */
    private List<String> startRealGateways(GatewayInstall install, Map<String, Policy> routes, Path logs) throws Exception {
        step("Starting the real APISIX 3.18.0 and Kong 3.9.1 (" + install.apisixBin().getParent() + "), which start the "
                + "APISIX runner and the Kong plugin server themselves");
        // the gateways' error logs are copied here when they stop
        System.setProperty("jwkgate.e2e.logDir", logs.toString());
        // under /tmp: the gateways' workers (nobody, when started as root) must traverse every parent directory
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jwkgate-demo-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int apisixPort = DemoPorts.freeOr(ports.apisix());
        int apisixUpstream = DemoPorts.freeOr(ports.apisixUpstream());
        int kongPort = DemoPorts.freeOr(ports.kong());
        int kongAdmin = DemoPorts.freeOr(ports.kongAdmin());
        int kongUpstream = DemoPorts.freeOr(ports.kongUpstream());
        CompletableFuture<RealGatewayFront> apisix = CompletableFuture.supplyAsync(() -> started(() -> RealGatewayFront.apisix(
                install, dir.resolve("apisix"), apisixPort, apisixUpstream, Path.of(paths.getProperty("runner.jar")), routes)));
        CompletableFuture<RealGatewayFront> kong = CompletableFuture.supplyAsync(() -> started(() -> RealGatewayFront.kong(
                install, dir.resolve("kong"), kongPort, kongAdmin, kongUpstream, Path.of(paths.getProperty("kong.jar")), routes)));
        try {
            CompletableFuture.allOf(apisix, kong).join();
        } catch (CompletionException e) {
            apisix.handle((started, failure) -> started).thenAccept(Demo::closeQuietly).join();
            kong.handle((started, failure) -> started).thenAccept(Demo::closeQuietly).join();
            throw new IllegalStateException("a real gateway did not start: " + e.getCause().getMessage(), e.getCause());
        }
        fronts.add(apisix.join());
        fronts.add(kong.join());
        List<String> serving = new ArrayList<>();
        for (RealGatewayFront real : List.of(apisix.join(), kong.join())) {
            String logFiles = real.serverLog().equals(real.errorLog()) ? "log " + real.errorLog()
                    : "log " + real.errorLog() + ", plugin server log " + real.serverLog();
            serving.add(String.format("%s: the real %s on %s (nginx pid %d), %s", real.name(),
                    real.name().equals("apisix") ? "APISIX 3.18.0" : "Kong 3.9.1", real.url(""), real.pid(), logFiles));
        }
        return serving;
    }

    /** Without an installed gateway: the deployables started as their gateways start them, behind the front. */
    private List<String> startProtocolFronts(Map<String, Policy> routes, Path logs) throws Exception {
        step("No real APISIX 3.18.0 / Kong 3.9.1 installed (" + String.join("; ", GatewayInstall.missing())
                + "), so the front stands in for both; README.md, \"Demo\", says how to run the demo on the real gateways");
        step("Starting the APISIX runner and the Kong plugin server");
        Path runnerLog = logs.resolve("apisix-runner-" + ProcessHandle.current().pid() + ".log");
        Path kongLog = logs.resolve("kong-plugin-server-" + ProcessHandle.current().pid() + ".log");
        fronts.add(ApisixRunnerFront.start(Path.of(paths.getProperty("runner.jar")), routes, runnerLog));
        fronts.add(KongPluginServerFront.start(Path.of(paths.getProperty("kong.launcher")),
                Path.of(paths.getProperty("kong.jar")), routes, kongLog));
        return new ArrayList<>(List.of("apisix: the APISIX runner behind the front (no APISIX), log " + runnerLog,
                "kong: the Kong plugin server behind the front (no Kong), log " + kongLog));
    }

    private interface Start {
        RealGatewayFront run() throws Exception;
    }

    private static RealGatewayFront started(Start start) {
        try {
            return start.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void closeQuietly(GatewayFront front) {
        if (front != null) {
            front.close();
        }
    }

    /** The front on its port of the block, or on any free port when that one is taken. */
    private static HttpFront startFront(List<GatewayFront> gateways, int port) throws IOException {
        try {
            return HttpFront.start(new InetSocketAddress("127.0.0.1", port), gateways);
        } catch (BindException busy) {
            return HttpFront.start(new InetSocketAddress("127.0.0.1", 0), gateways);
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
        OUT.println("\n==> Stopping the front, both gateways (or plugin servers) and Keycloak");
        // SIGTERM to every child at once: none outlives the demo even when this stop is cut short (a hung-up terminal)
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        if (front != null) {
            front.close();
        }
        fronts.forEach(GatewayFront::close);
        if (keycloak != null) {
            keycloak.stop();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        OUT.println("==> Stopped.");
    }
}
