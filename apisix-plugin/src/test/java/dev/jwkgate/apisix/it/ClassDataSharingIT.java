package dev.jwkgate.apisix.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.ApisixPeer;
import dev.jwkgate.apisix.peer.ApisixPeer.Route;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.apisix.support.Claims;
import dev.jwkgate.apisix.support.ConfJson;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.apisix.support.SigningKey;
import dev.jwkgate.source.support.JwksServer;
import dev.jwkgate.support.ClassDataSharingArchives;
import dev.jwkgate.support.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner started as apisix-plugin/README.md tells operators to ({@code ext-plugin.cmd} = {@code /bin/sh
 * jwkgate-cds java ... -jar runner.jar}) never fails to start because of its class-data-sharing archive: with none
 * yet, with one, with a truncated one, and turned off; each start serves a valid token and prints nothing about CDS.
 * The training start runs at once here ({@code JWKGATE_CDS_DELAY=0}).
 */
class ClassDataSharingIT {

    private static final String ISSUER = "https://idp.example/";
    private static final AtomicInteger ROUTE_IDS = new AtomicInteger();
    private static final Duration TRAINING = Duration.ofSeconds(300);

    private final SigningKey key = SigningKey.rsa("sharing-1");
    private final List<Process> started = new ArrayList<>();
    private Path dir;
    private Path jar;
    private JwksServer jwks;

    @BeforeEach
    void ownJarDirectoryAndKeys() throws IOException {
        dir = Files.createTempDirectory("runner-sharing");
        // a copy of its own: an archive belongs to one jar file (path, size, time)
        jar = Files.copy(RunnerProcess.packagedJar(), dir.resolve("jwkgate-apisix-runner.jar"));
        jwks = JwksServer.serving(key);
    }

    @AfterEach
    void stopRunnersAndDeleteTheDirectory() throws Exception {
        jwks.close();
        ClassDataSharingArchives.stopAndDelete(started, dir);
    }

    @Test
    void makesAnArchiveAfterTheFirstStartAndMapsItFromTheNextOn() throws Exception {
        Path cds = dir.resolve("cds");
        Process first = start(cds, "first");
        assertServes("first");
        assertThat(ClassDataSharingArchives.mappedBy(first)).isEmpty();

        Path archive = ClassDataSharingArchives.await(cds, p -> true, TRAINING);
        stop(first);
        Process second = start(cds, "second");
        assertServes("second");

        assertThat(ClassDataSharingArchives.mappedBy(second)).containsExactly(archive.toRealPath().toString());
        assertNothingAboutCds("first", "second");
    }

    @Test
    void startsWithoutATruncatedArchive() throws Exception {
        Path cds = dir.resolve("cds");
        Process maker = start(cds, "maker");
        Path archive = ClassDataSharingArchives.await(cds, p -> true, TRAINING);
        stop(maker);
        byte[] whole = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, Arrays.copyOf(whole, whole.length / 2));

        Process next = start(cds, "after-truncation");
        assertServes("after-truncation");

        assertThat(ClassDataSharingArchives.mappedBy(next)).as("JDK 17 dies of SIGBUS on a truncated archive").isEmpty();
        assertNothingAboutCds("after-truncation");
    }

    @Test
    void startsWithoutAnArchiveWhenTurnedOff() throws Exception {
        Process runner = start(null, "off");

        assertServes("off");
        assertThat(ClassDataSharingArchives.mappedBy(runner)).isEmpty();
        assertThat(Files.readString(Path.of("/proc", String.valueOf(runner.pid()), "cmdline")))
                .doesNotContain("SharedArchiveFile", "ArchiveClassesAtExit");
    }

    // ---- helpers ----

    /**
     * {@code /bin/sh jwkgate-cds [--cds-dir <cds>|off] <java> -Xmx256m -jar <jar>} with the environment APISIX gives
     * the runner; returns once it listens on {@code <dir>/<name>.sock}.
     */
    private Process start(Path cds, String name) throws Exception {
        Path socket = dir.resolve(name + ".sock");
        List<String> command = List.of("/bin/sh", System.getProperty("jwkgate.apisix.cdsWrapper"),
                "--cds-dir", cds == null ? "off" : cds.toString(),
                ProcessHandle.current().info().command().orElseThrow(), "-Xmx256m", "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear(); // nginx passes on only PATH, TZ and the APISIX variables
        env.put("PATH", path);
        env.put("APISIX_LISTEN_ADDRESS", "unix:" + socket);
        env.put("APISIX_CONF_EXPIRE_TIME", "3600");
        env.put("JWKGATE_CDS_DELAY", "0");
        Process process = builder.start();
        started.add(process);
        TestHost.awaitInOutput(process, dir.resolve(name + ".out"), "java runner is listening", Duration.ofSeconds(120));
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private void assertServes(String name) {
        try (ApisixPeer apisix = new ApisixPeer(dir.resolve(name + ".sock"))) {
            Route route = Route.of(Integer.toString(ROUTE_IDS.incrementAndGet()), "jwkgate",
                    ConfJson.issuerWithJwks(ISSUER, jwks.url()).set("first_load_wait_ms", 10_000).json());
            String token = key.sign(Claims.accessToken(ISSUER, "api", "alice").map());
            RunnerAnswer answer = apisix.communicate(route, PeerRequest.get("/orders").bearer(token));
            assertThat(answer).as(name).isNotInstanceOf(RunnerAnswer.Stop.class);
        }
    }

    private void assertNothingAboutCds(String... names) throws IOException {
        ClassDataSharingArchives.assertNoJvmMessages(dir, names);
    }
}
