package dev.jwkgate.it.gateways;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Kong 3.9.1 in a prefix of its own, deployed as kong-plugin/README.md tells users to: DB-less, the plugin
 * server jar copied next to Kong, all three {@code pluginserver_jwkgate_*} lines set explicitly (java by absolute
 * path: Kong spawns the server from an nginx worker, which has almost no environment), Kong at its default
 * {@code log_level = notice} and the server logging into a file of its own ({@code --log-file}).
 * Routes go in through the Admin API's {@code POST /config}, as in a DB-less deployment that changes routes.
 */
public final class RealKong extends RealGateway {

    /** Another plugin server Kong starts beside jwkgate's: its plugin name, class path and main class. */
    public record PluginServer(String name, String classPath, String mainClass) {
    }

    private final int adminPort;
    private final Path socket;
    private final Path serverLog;
    private final HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private RealKong(GatewayInstall install, Path dir, int port, int adminPort, int upstreamPort) {
        super(install, dir, port, upstreamPort);
        this.adminPort = adminPort;
        this.socket = dir.resolve("sockets/jwkgate.socket");
        this.serverLog = dir.resolve("server-logs/jwkgate.log");
    }

    /**
     * Starts Kong with the plugin server on {@code port} (Admin API on {@code adminPort}); {@code extraPlugins} are
     * bundled plugins to enable besides jwkgate; {@code serverOptions} are JVM options of the plugin server, and its
     * own arguments ({@code --status-port 19700}: those starting with {@code --}, put after the jar).
     */
    public static RealKong start(GatewayInstall install, Path dir, int port, int adminPort, int upstreamPort, Path serverJar,
                                 List<String> extraPlugins, List<String> serverOptions) throws IOException, InterruptedException {
        return start(install, dir, port, adminPort, upstreamPort, serverJar, extraPlugins, serverOptions, null);
    }

    /** As above, loading this declarative configuration (YAML) at start instead of an empty one. */
    public static RealKong start(GatewayInstall install, Path dir, int port, int adminPort, int upstreamPort, Path serverJar,
                                 List<String> extraPlugins, List<String> serverOptions, String declarativeYaml)
            throws IOException, InterruptedException {
        return start(install, dir, port, adminPort, upstreamPort, serverJar, extraPlugins, serverOptions, declarativeYaml,
                List.of());
    }

    /** As above, with further plugin servers Kong starts and queries as it does jwkgate's. */
    public static RealKong start(GatewayInstall install, Path dir, int port, int adminPort, int upstreamPort, Path serverJar,
                                 List<String> extraPlugins, List<String> serverOptions, String declarativeYaml,
                                 List<PluginServer> otherServers) throws IOException, InterruptedException {
        return start(install, dir, port, adminPort, upstreamPort, serverJar, extraPlugins, serverOptions, declarativeYaml,
                otherServers, List.of());
    }

    /**
     * As above, with kong.conf lines of the test's own ({@code key = value}), each replacing the line of its key
     * (e.g. {@code log_level = debug}); {@code serverJar} null starts no jwkgate plugin server, only {@code otherServers}.
     */
    public static RealKong start(GatewayInstall install, Path dir, int port, int adminPort, int upstreamPort, Path serverJar,
                                 List<String> extraPlugins, List<String> serverOptions, String declarativeYaml,
                                 List<PluginServer> otherServers, List<String> moreConf) throws IOException, InterruptedException {
        for (int p : new int[] {port, adminPort}) {
            if (!LoopbackPorts.isFree(p)) {
                throw new IllegalStateException("port " + p + " is taken");
            }
        }
        RealKong kong = new RealKong(install, openDirectory(dir), port, adminPort, upstreamPort);
        Path conf = kong.prepare(serverJar, extraPlugins, serverOptions, declarativeYaml, otherServers, moreConf);
        try {
            kong.launch(new ProcessBuilder(install.kongBin().toString(), "start", "-c", conf.toString(), "-p", dir.toString()),
                    Duration.ofSeconds(90));
            // jwkgate's server when there is one, else the others: Kong starts every plugin server as it starts
            List<Path> sockets = serverJar != null ? List.of(kong.socket)
                    : otherServers.stream().map(other -> kong.socketOf(other.name())).toList();
            await("Kong's plugin server sockets " + sockets, Duration.ofSeconds(60), () -> sockets.stream().allMatch(Files::exists));
        } catch (RuntimeException | IOException | InterruptedException e) {
            kong.close();
            throw e;
        }
        return kong;
    }

    private Path socketOf(String server) {
        return dir.resolve("sockets").resolve(server + ".socket");
    }

    private Path prepare(Path serverJar, List<String> extraPlugins, List<String> serverOptions, String declarativeYaml,
                         List<PluginServer> otherServers, List<String> moreConf) throws IOException {
        // workers run as nobody when Kong runs as root: the server they spawn must be able to create its socket here
        Path sockets = Files.createDirectories(dir.resolve("sockets"));
        Files.setAttribute(sockets, "unix:mode", 01777);
        Files.setAttribute(Files.createDirectories(serverLog.getParent()), "unix:mode", 01777);
        Path declarative = declarativeYaml == null ? dir.resolve("kong.json") : dir.resolve("kong.yml");
        writeAtomically(declarative, declarativeYaml == null ? json(declarative(List.of())) : declarativeYaml);
        List<String> plugins = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        Map<String, String> serverLines = new LinkedHashMap<>();
        String java = install.java().toString();
        if (serverJar != null) {
            Path jar = openDirectory(dir.resolve("jwkgate")).resolve("jwkgate-kong.jar");
            // its time kept: a class-data-sharing archive belongs to one jar path, size and time, across restarts
            Files.copy(serverJar, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            plugins.add("jwkgate");
            servers.add("jwkgate");
            // JVM options start with one dash, the server's own arguments with two
            List<String> jvmOptions = serverOptions.stream().takeWhile(o -> !o.startsWith("--")).toList();
            List<String> serverArguments = serverOptions.subList(jvmOptions.size(), serverOptions.size());
            String options = jvmOptions.isEmpty() ? "" : String.join(" ", jvmOptions) + " ";
            String arguments = serverArguments.isEmpty() ? "" : String.join(" ", serverArguments) + " ";
            serverLines.put("pluginserver_jwkgate_socket", socket.toString());
            serverLines.put("pluginserver_jwkgate_start_cmd", java + " -Xmx256m " + options + "-jar " + jar + " " + arguments
                    + "--socket " + socket + " --log-file " + serverLog);
            serverLines.put("pluginserver_jwkgate_query_cmd", java + " -jar " + jar + " -dump");
        }
        plugins.addAll(extraPlugins);
        for (PluginServer other : otherServers) {
            plugins.add(other.name());
            servers.add(other.name());
            Path otherSocket = socketOf(other.name());
            String run = java + " -cp " + other.classPath() + " " + other.mainClass();
            serverLines.put("pluginserver_" + other.name() + "_socket", otherSocket.toString());
            serverLines.put("pluginserver_" + other.name() + "_start_cmd", run + " --socket " + otherSocket);
            serverLines.put("pluginserver_" + other.name() + "_query_cmd", run + " -dump");
        }
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("database", "off");
        conf.put("declarative_config", declarative.toString());
        conf.put("router_flavor", "traditional");
        conf.put("proxy_listen", "127.0.0.1:" + port);
        conf.put("admin_listen", "127.0.0.1:" + adminPort);
        conf.put("admin_gui_listen", "off");
        conf.put("status_listen", "off");
        conf.put("stream_listen", "off");
        conf.put("nginx_worker_processes", "1");
        // not info: at info nginx writes a refused duplicate header line whole, a second Authorization's token included
        conf.put("log_level", "notice");
        conf.put("plugins", String.join(",", plugins));
        conf.put("pluginserver_names", String.join(",", servers));
        conf.putAll(serverLines);
        for (String line : moreConf) {
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("a kong.conf line reads key = value, not " + line);
            }
            conf.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
        }
        StringBuilder text = new StringBuilder();
        conf.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        Path file = dir.resolve("kong.conf");
        writeAtomically(file, text.toString());
        return file;
    }

    /** Kong's declarative configuration: one echo service holding every route. */
    Map<String, Object> declarative(List<Route> routes) {
        Map<String, Object> config = declarative(upstreamPort, routes);
        config.putAll(topLevel);
        return config;
    }

    /** The declarative configuration (JSON, which is YAML) of these routes, for a Kong that starts with them. */
    public static String declarativeYaml(int upstreamPort, List<Route> routes) {
        return json(declarative(upstreamPort, routes));
    }

    private static Map<String, Object> declarative(int upstreamPort, List<Route> routes) {
        return map("_format_version", "3.0", "services", List.of(map(
                "name", "echo", "url", "http://127.0.0.1:" + upstreamPort,
                "routes", routes.stream().map(Route::kongRoute).toList())));
    }

    @Override
    public String name() {
        return "Kong";
    }

    @Override
    protected Path pidFile() {
        return dir.resolve("pids/nginx.pid");
    }

    @Override
    public Path serverLog() {
        return serverLog;
    }

    /** The plugin server's Unix socket. */
    public Path socket() {
        return socket;
    }

    /** The Kong CLI with this instance's configuration ({@code kong.conf}), for {@code config parse} and the like. */
    public Path conf() {
        return dir.resolve("kong.conf");
    }

    @Override
    protected void write(List<Route> routes) throws IOException, InterruptedException {
        HttpResponse<String> answer = postConfig(json(declarative(routes)));
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("Kong refused the routes: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** A GET on the Admin API; Kong's answer as it is. */
    public HttpResponse<String> adminGet(String path) throws IOException, InterruptedException {
        return admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /schemas/plugins/validate}: Kong's own schema check of a plugin configuration; Kong's answer as it is. */
    public HttpResponse<String> validatePlugin(String plugin, Map<String, Object> config) throws IOException, InterruptedException {
        return admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/schemas/plugins/validate"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json(map("name", plugin, "config", config)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /config} on the Admin API with a declarative configuration (JSON); Kong's answer as it is. */
    public HttpResponse<String> postConfig(String declarativeJson) throws IOException, InterruptedException {
        return admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/config"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(declarativeJson)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
