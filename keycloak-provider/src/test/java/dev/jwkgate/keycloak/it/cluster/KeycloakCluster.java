package dev.jwkgate.keycloak.it.cluster;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.Poll;
import dev.jwkgate.support.ExternalComponent;
import dev.jwkgate.support.TestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two Keycloak nodes of the distribution under test, clustered the way Keycloak 26 clusters by default
 * in production mode: {@code cache=ispn} with the {@code jdbc-ping} stack (the default since 26.1), so
 * the nodes find each other through the shared PostgreSQL database. Everything stays on loopback: HTTP
 * and JGroups bound to 127.0.0.1, on free ports. Both nodes advertise node 1's URL as the hostname, as
 * nodes behind one load balancer do, so tokens of either node carry the same issuer.
 *
 * <p>Started once for the suite and stopped at the end of the run, with PostgreSQL.
 */
public final class KeycloakCluster implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakCluster.class);

    /** The running cluster: the database, both nodes, an admin client per node, the vault both read. */
    public static final class Cluster implements ExtensionContext.Store.CloseableResource {
        public final PostgresServer database;
        public final List<KeycloakServer> nodes;
        public final List<AdminApi> admins;
        public final Path vault;
        public final Duration startTime;

        Cluster(PostgresServer database, List<KeycloakServer> nodes, Path vault, Duration startTime) {
            this.database = database;
            this.nodes = nodes;
            this.vault = vault;
            this.startTime = startTime;
            this.admins = nodes.stream().map(AdminApi::new).toList();
        }

        /** The issuer every node puts into its tokens: node 1's URL, the "load balancer". */
        public String issuer(String realm) {
            return nodes.get(0).issuer(realm);
        }

        /** Keycloak's file vault reads {@code <realm>_<name>}, each '_' doubled. */
        public void putVaultSecret(String realm, String name, String value) throws IOException {
            Path file = vault.resolve(realm.replace("_", "__") + "_" + name.replace("_", "__"));
            Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), value);
            Files.move(file.resolveSibling(file.getFileName() + ".tmp"), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void close() {
            nodes.forEach(KeycloakServer::stop);
            database.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    private static Cluster cluster(ExtensionContext context) {
        Optional<Path> postgres = PostgresServer.binaries();
        if (postgres.isEmpty()) {
            String message = "the cluster suite needs PostgreSQL's server binaries: apt-get install postgresql (Debian package 'postgresql')";
            if (ExternalComponent.onCi()) {
                throw new IllegalStateException(message + "; on CI it must be installed (.ci/run does)");
            }
            Assumptions.abort(message);
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Cluster.class, key -> {
            try {
                return start(postgres.get());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the Keycloak cluster: " + e.getMessage(), e);
            }
        }, Cluster.class);
    }

    private static Cluster start(Path postgresBin) throws Exception {
        Instant begin = Instant.now();
        Path work = Path.of(TestHost.requiredProperty("jwkgate.kc.workDir")).resolve("cluster");
        Files.createDirectories(work);
        PostgresServer database = PostgresServer.start(postgresBin, work);
        try {
            Path template = built(Path.of(TestHost.requiredProperty("jwkgate.kc.clusterHome")), Path.of(TestHost.requiredProperty("jwkgate.kc.providerJar")));
            Path vault = Files.createDirectories(work.resolve("vault"));
            int httpPort1 = TestHost.freePort();
            List<KeycloakServer> nodes = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                Path home = work.resolve("node-" + i);
                copyTree(template, home);
                int httpPort = i == 1 ? httpPort1 : TestHost.freePort();
                nodes.add(KeycloakServer.node(home, work.resolve("node-" + i + "-work"), vault, List.of("start", "--optimized",
                        "--db-url=" + database.jdbcUrl(), "--db-username=" + PostgresServer.USER, "--db-password=" + PostgresServer.PASSWORD,
                        "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + TestHost.freePort(),
                        "--hostname=http://127.0.0.1:" + httpPort1,
                        "--cache-embedded-network-bind-address=127.0.0.1", "--cache-embedded-network-bind-port=" + TestHost.freePort(),
                        "--vault=file", "--vault-dir=" + vault,
                        "--spi-keys--jwkgate-rotating--check-interval-seconds=1"), Map.of()));
            }
            // node 1 creates the schema; node 2 starts once it is there (two Liquibase runs on an empty database collide)
            Thread first = new Thread(() -> startUnchecked(nodes.get(0)));
            first.start();
            Poll.until("node 1 past its database migration", Duration.ofMinutes(6), () -> nodes.get(0).log().contains("JDBC_PING")
                    || !first.isAlive() ? Optional.of(true) : Optional.empty());
            nodes.get(1).startAgain();
            first.join();
            if (!nodes.get(0).isRunning()) {
                throw new IllegalStateException("node 1 did not start:\n" + tail(nodes.get(0)));
            }
            Cluster cluster = new Cluster(database, nodes, vault, Duration.between(begin, Instant.now()));
            Poll.until("both nodes in one cluster view", Duration.ofMinutes(2),
                    () -> nodes.stream().allMatch(n -> n.log().contains("(2) [")) ? Optional.of(true) : Optional.empty());
            System.out.printf("Keycloak cluster of 2 nodes on PostgreSQL ready after %d s%n", cluster.startTime.toSeconds());
            return cluster;
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    private static void startUnchecked(KeycloakServer node) {
        try {
            node.startAgain();
        } catch (Exception e) {
            System.err.println("node 1 failed to start: " + e.getMessage());
        }
    }

    /**
     * The distribution with the provider jar, built once for production mode on PostgreSQL with the file
     * vault ({@code kc.sh build --db=postgres --vault=file}: both are build options); rebuilt only when the jar changed.
     */
    private static Path built(Path home, Path providerJar) throws IOException, InterruptedException {
        Path installed = home.resolve("providers/jwkgate-keycloak-provider.jar");
        Path marker = home.resolve("jwkgate-built-with.txt");
        List<String> build = List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--vault=file");
        String stamp = Files.size(providerJar) + "@" + Files.getLastModifiedTime(providerJar) + " " + build.subList(1, build.size());
        if (Files.exists(marker) && Files.readString(marker).equals(stamp)) {
            return home;
        }
        Files.copy(providerJar, installed, StandardCopyOption.REPLACE_EXISTING);
        Instant begin = Instant.now();
        Process process = new ProcessBuilder(build).redirectErrorStream(true).redirectOutput(home.resolve("build.log").toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed:\n" + Files.readString(home.resolve("build.log")));
        }
        Files.writeString(marker, stamp);
        System.out.printf("kc.sh build --db=postgres --vault=file took %d s%n", Duration.between(begin, Instant.now()).toSeconds());
        return home;
    }

    private static void copyTree(Path from, Path to) throws IOException, InterruptedException {
        Process rm = new ProcessBuilder("rm", "-rf", to.toString()).start();
        rm.waitFor();
        Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).redirectErrorStream(true).start();
        String out = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cp.waitFor() != 0) {
            throw new IOException("cp -a " + from + " " + to + " failed: " + out);
        }
    }

    private static String tail(KeycloakServer node) {
        String text = node.log();
        return text.substring(Math.max(0, text.length() - 4000));
    }



    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }
}
