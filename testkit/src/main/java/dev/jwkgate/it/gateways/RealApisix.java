package dev.jwkgate.it.gateways;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Apache APISIX 3.18 in a home of its own, deployed as apisix-plugin/README.md tells users to: the runner
 * jar copied next to APISIX, {@code ext-plugin.cmd} naming java by absolute path (APISIX starts and restarts the
 * runner itself), routes in standalone mode ({@code conf/apisix.yaml}, which APISIX re-reads when it changes)
 * with {@code ext-plugin-pre-req} and a {@code jwkgate} conf.
 */
public final class RealApisix extends RealGateway {

    /** The line APISIX copies from the runner's output once the runner accepts requests. */
    static final String RUNNER_LISTENING = "java runner is listening";

    private final List<String> plugins;
    private long lastWriteSecond;

    private RealApisix(GatewayInstall install, Path dir, int port, int upstreamPort, List<String> plugins) {
        super(install, dir, port, upstreamPort);
        this.plugins = plugins;
    }

    /**
     * Starts APISIX with the runner on {@code port}; {@code extraPlugins} are bundled plugins to load besides
     * the ext-plugin ones; {@code runnerOptions} are JVM options of the runner.
     */
    public static RealApisix start(GatewayInstall install, Path dir, int port, int upstreamPort, Path runnerJar,
                                   List<String> extraPlugins, List<String> runnerOptions) throws IOException, InterruptedException {
        return start(install, dir, port, upstreamPort, runnerJar, extraPlugins, runnerOptions, null);
    }

    /**
     * As above; with a {@code mainClass} the runner starts as {@code java <options> -cp <jar> <mainClass>} (e.g. Spring
     * Boot's {@code PropertiesLauncher}, which honours {@code -Dloader.path} for filters added beside the jar).
     */
    public static RealApisix start(GatewayInstall install, Path dir, int port, int upstreamPort, Path runnerJar,
                                   List<String> extraPlugins, List<String> runnerOptions, String mainClass)
            throws IOException, InterruptedException {
        return start(install, dir, port, upstreamPort, runnerJar, extraPlugins, runnerOptions, mainClass, List.of());
    }

    /** As above, with these routes in place before APISIX starts (as in a deployment that starts with its routes). */
    public static RealApisix start(GatewayInstall install, Path dir, int port, int upstreamPort, Path runnerJar,
                                   List<String> extraPlugins, List<String> runnerOptions, String mainClass,
                                   List<Route> routes) throws IOException, InterruptedException {
        if (!LoopbackPorts.isFree(port)) {
            throw new IllegalStateException("port " + port + " is taken: APISIX listens with reuseport and would share it");
        }
        List<String> plugins = new ArrayList<>(List.of("ext-plugin-pre-req", "ext-plugin-post-req", "ext-plugin-post-resp"));
        plugins.addAll(extraPlugins);
        RealApisix apisix = new RealApisix(install, openDirectory(dir), port, upstreamPort, plugins);
        apisix.prepareHome(runnerJar, runnerOptions, mainClass);
        apisix.write(routes);
        // APISIX's CLI takes the current directory as the home when run as ./apisix/cli/apisix.lua (the stock
        // launcher does so when it finds that file); APISIX_HOME_DIR tells the kit's launcher the same
        ProcessBuilder start = new ProcessBuilder(install.apisixBin().toString(), "start").directory(dir.toFile());
        start.environment().put("APISIX_HOME_DIR", dir.toString());
        try {
            apisix.launch(start, Duration.ofSeconds(90));
            apisix.awaitLog("the runner listening", 0, Duration.ofSeconds(90), RUNNER_LISTENING);
        } catch (RuntimeException | IOException | InterruptedException e) {
            apisix.close();
            throw e;
        }
        return apisix;
    }

    /** An APISIX home: {@code apisix/} and {@code deps/} linked from the install, {@code conf/} copied, the runner jar. */
    private void prepareHome(Path runnerJar, List<String> runnerOptions, String mainClass) throws IOException {
        Files.createSymbolicLink(dir.resolve("apisix"), install.apisixHome().resolve("apisix"));
        Files.createSymbolicLink(dir.resolve("deps"), install.apisixHome().resolve("deps"));
        Path conf = openDirectory(dir.resolve("conf"));
        try (var files = Files.list(install.apisixHome().resolve("conf"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        openDirectory(dir.resolve("logs"));
        // the README's layout: the jar beside APISIX, readable by the user the workers (and the runner) run as
        Path jar = openDirectory(dir.resolve("jwkgate")).resolve("jwkgate-apisix-runner.jar");
        // its time kept: a class-data-sharing archive belongs to one jar path, size and time, across restarts
        Files.copy(runnerJar, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        List<String> cmd = new ArrayList<>(List.of(install.java().toString(), "-Xms64m", "-Xmx256m"));
        cmd.addAll(runnerOptions);
        cmd.addAll(mainClass == null ? List.of("-jar", jar.toString()) : List.of("-cp", jar.toString(), mainClass));
        Map<String, Object> config = map(
                "apisix", map("node_listen", port, "enable_admin", false, "enable_control", false, "enable_ipv6", false,
                        "ssl", map("enable", false)),
                "deployment", map("role", "data_plane", "role_data_plane", map("config_provider", "yaml")),
                // warn, APISIX's default: the runner's output arrives at warn; at info APISIX also logs every matched
                // route with its plugin configuration, hmac_secrets and jwks_request_headers values included
                "nginx_config", map("worker_processes", 1, "error_log_level", "warn",
                        // APISIX's log format names $apisix_request_id, which only apisix-runtime builds define
                        "http_configuration_snippet", "map $request_id $apisix_request_id { default $request_id; }\n"),
                "plugins", plugins,
                "stream_plugins", List.of(),
                "ext-plugin", map("cmd", cmd));
        writeAtomically(conf.resolve("config.yaml"), json(config));
    }

    @Override
    public String name() {
        return "APISIX";
    }

    @Override
    protected Path pidFile() {
        return dir.resolve("logs/nginx.pid");
    }

    @Override
    public Path serverLog() {
        return errorLog();
    }

    /**
     * Standalone routes: JSON is YAML too; APISIX only takes the file once it ends with {@code #END}. APISIX notices a
     * change by the file's modification time in whole seconds, so two writes never share a second.
     */
    @Override
    protected void write(List<Route> routes) throws IOException, InterruptedException {
        List<Object> list = routes.stream().map(r -> (Object) r.apisixRoute(upstreamPort)).toList();
        long now = System.currentTimeMillis();
        if (now / 1000 <= lastWriteSecond) {
            Thread.sleep((lastWriteSecond + 1) * 1000 - now + 20);
        }
        Map<String, Object> yaml = new java.util.LinkedHashMap<>(topLevel);
        yaml.put("routes", list);
        writeAtomically(dir.resolve("conf/apisix.yaml"), json(yaml) + "\n#END\n");
        lastWriteSecond = System.currentTimeMillis() / 1000;
    }
}
