package dev.jwkgate.keycloak.it.cluster;

import dev.jwkgate.support.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for the cluster suite: Debian's server binaries, a fresh data directory
 * under the build directory, loopback only, on a free port. PostgreSQL refuses to run as root, so as
 * root it runs as Debian's {@code postgres} user. Stopped by {@link #close()}.
 */
public final class PostgresServer implements AutoCloseable {

    /** The database and owner Keycloak uses. */
    public static final String DATABASE = "keycloak";
    public static final String USER = "keycloak";
    public static final String PASSWORD = "keycloak-it-password";

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;
    private boolean running;

    private PostgresServer(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The newest {@code /usr/lib/postgresql/<major>/bin} holding initdb and pg_ctl, if Debian's server package is installed. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> majors = Files.list(root)) {
            return majors.map(m -> m.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static PostgresServer start(Path bin, Path workDir) throws IOException, InterruptedException {
        Path dir = workDir.resolve("postgres");
        TestHost.deleteTree(dir);
        Files.createDirectories(dir);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres", dir.toString()), false);
        }
        int port = TestHost.freePort();
        PostgresServer server = new PostgresServer(bin, dir.resolve("data"), port, root);
        server.asOwner(List.of(bin.resolve("initdb").toString(), "-D", server.dataDir.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-sync"));
        server.asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", server.dataDir.toString(), "-w", "-t", "60",
                "-l", dir.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off -c full_page_writes=off", "start"));
        server.running = true;
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.sql("postgres", "CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
        server.sql("postgres", "CREATE DATABASE " + DATABASE + " OWNER " + USER);
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Runs one statement with psql and returns its rows, one line each, columns separated by '|'. */
    public List<String> query(String sql) {
        return sql(DATABASE, sql);
    }

    private List<String> sql(String database, String sql) {
        Path psql = bin.resolve("psql");
        try {
            return run(List.of(psql.toString(), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "-U", "postgres", "-d", database, "-c", sql), true);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("psql failed: " + e.getMessage(), e);
        }
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, false);
    }

    private static List<String> run(List<String> command, boolean output) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        return output && !text.isEmpty() ? List.of(text.split("\n")) : List.of();
    }

    /** Stops the server (fast shutdown); its data directory stays in the build directory for inspection. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop PostgreSQL in " + dataDir + ": " + e.getMessage());
        }
    }

}
