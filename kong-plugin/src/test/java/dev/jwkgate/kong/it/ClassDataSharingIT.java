package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import dev.jwkgate.support.ClassDataSharingArchives;
import dev.jwkgate.support.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The installed launcher ({@code target/dist/jwkgate} beside {@code jwkgate-cds}) never fails to start the plugin
 * server because of its class-data-sharing archive: with none yet, with one, with a broken one, with one made for
 * another jar, and with a directory it cannot or must not use. Each start must also serve a valid token and print
 * nothing about CDS. The training start runs at once here ({@code JWKGATE_CDS_DELAY=0}).
 */
class ClassDataSharingIT {

    private static final String ISSUER = "https://idp.example";
    private static final AtomicInteger SEQ = new AtomicInteger(100);
    private static final Duration TRAINING = Duration.ofSeconds(180);

    private static TestKeys key;

    private Path dir;
    private Path jar;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void signingKey() throws Exception {
        key = TestKeys.rsa("sharing-k1");
    }

    @BeforeEach
    void ownJarAndDirectory() throws IOException {
        dir = Files.createTempDirectory("kong-sharing");
        // a copy of its own: an archive belongs to one jar file (path, size, time)
        jar = Files.copy(Path.of(PluginServerProcess.jar()), dir.resolve("jwkgate-kong.jar"));
    }

    @AfterEach
    void stopServersAndDeleteTheDirectory() throws Exception {
        ClassDataSharingArchives.stopAndDelete(started, dir);
    }

    @Test
    void makesAnArchiveAfterTheFirstStartAndMapsItFromTheNextOn() throws Exception {
        Path cds = dir.resolve("cds");
        Process first = start(cds, "first");
        assertServes(first, "first");
        assertThat(ClassDataSharingArchives.mappedBy(first)).as("no archive yet at the first start").isEmpty();

        Path archive = ClassDataSharingArchives.await(cds, p -> true, TRAINING);
        stop(first);
        Process second = start(cds, "second");
        assertServes(second, "second");

        assertThat(ClassDataSharingArchives.mappedBy(second)).containsExactly(archive.toRealPath().toString());
        assertNothingAboutCds("first", "second");
    }

    /**
     * go-pdk's {@code -kong-prefix DIR} (the socket is {@code DIR/jwkgate.socket}): the training start gets a socket of its
     * own, so the live server's socket is neither taken over nor deleted when the training start stops.
     */
    @Test
    void aServerStartedWithAKongPrefixKeepsItsSocketWhileTheArchiveIsMade() throws Exception {
        Path cds = dir.resolve("cds");
        Path prefix = Files.createDirectories(dir.resolve("prefix"));
        Process server = start(cds, "prefix", "-kong-prefix", prefix.toString());

        ClassDataSharingArchives.await(cds, p -> true, TRAINING);

        assertThat(prefix.resolve("jwkgate.socket")).exists();
        assertServesOn(server, prefix.resolve("jwkgate.socket"), "prefix");
    }

    @Test
    void startsWithoutATruncatedArchiveAndMakesAWholeOne() throws Exception {
        Path cds = dir.resolve("cds");
        Path archive = archiveMadeByAFirstStart(cds);
        byte[] whole = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 2));

        Process next = start(cds, "after-truncation");
        assertServes(next, "after-truncation");

        assertThat(ClassDataSharingArchives.mappedBy(next)).as("JDK 17 dies of SIGBUS on a truncated archive").isEmpty();
        awaitWholeArchive(archive, whole.length / 2);
        assertNothingAboutCds("after-truncation");
    }

    @Test
    void startsWhenTheArchiveIsGarbageOfTheRightSize() throws Exception {
        Path cds = dir.resolve("cds");
        Path archive = archiveMadeByAFirstStart(cds);
        byte[] garbage = new byte[(int) Files.size(archive)];
        new java.util.Random(7).nextBytes(garbage);
        archive.toFile().setWritable(true);
        Files.write(archive, garbage);

        Process next = start(cds, "garbage");

        assertServes(next, "garbage");
        assertNothingAboutCds("garbage");
    }

    @Test
    void aChangedJarNeverGetsTheArchiveOfTheOldOne() throws Exception {
        Path cds = dir.resolve("cds");
        Path old = archiveMadeByAFirstStart(cds);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(60)));

        Process next = start(cds, "changed-jar");
        assertServes(next, "changed-jar");

        assertThat(ClassDataSharingArchives.mappedBy(next)).isEmpty();
        Path fresh = ClassDataSharingArchives.await(cds, p -> !p.equals(old), TRAINING);
        assertThat(old).as("the old jar's archive is removed once the new one is in place").doesNotExist();
        assertThat(fresh).exists();
        assertNothingAboutCds("changed-jar");
    }

    @Test
    void startsWithoutAnArchiveWhenItsDirectoryCannotBeMade() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

        Process server = start(file.resolve("cds"), "no-directory");

        assertServes(server, "no-directory");
        assertThat(ClassDataSharingArchives.mappedBy(server)).isEmpty();
        assertNothingAboutCds("no-directory");
    }

    @Test
    void neverUsesADirectoryOthersCanWrite() throws Exception {
        Path cds = dir.resolve("cds");
        Path archive = archiveMadeByAFirstStart(cds);
        Files.setPosixFilePermissions(cds, PosixFilePermissions.fromString("rwxrwxrwx"));

        Process next = start(cds, "open-directory");
        assertServes(next, "open-directory");

        assertThat(ClassDataSharingArchives.mappedBy(next)).as("another user could have put " + archive + " there").isEmpty();
        assertNothingAboutCds("open-directory");
    }

    @Test
    void startsWithoutAnArchiveWhenTurnedOff() throws Exception {
        Process server = start(null, "off");

        assertServes(server, "off");
        assertThat(ClassDataSharingArchives.mappedBy(server)).isEmpty();
        assertThat(commandLine(server)).doesNotContain("SharedArchiveFile", "ArchiveClassesAtExit");
    }

    // ---- helpers ----

    /** An archive as a first start makes it; that server stopped again. */
    private Path archiveMadeByAFirstStart(Path cds) throws Exception {
        Process first = start(cds, "maker-" + UUID.randomUUID());
        Path archive = ClassDataSharingArchives.await(cds, p -> true, TRAINING);
        stop(first);
        return archive;
    }

    /** {@code sh target/dist/jwkgate --cds-dir <cds>|off --socket <dir>/<name>.sock}; returns once it says it listens. */
    private Process start(Path cds, String name) throws Exception {
        return start(cds, name, "--socket", dir.resolve(name + ".sock").toString());
    }

    /** {@code sh target/dist/jwkgate --cds-dir <cds>|off} with these socket arguments; returns once it says it listens. */
    private Process start(Path cds, String name, String... socketArguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", Path.of(System.getProperty("jwkgate.kong.dist"), "jwkgate").toString(),
                "--cds-dir", cds == null ? "off" : cds.toString()));
        command.addAll(List.of(socketArguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        builder.environment().put("JWKGATE_JAR", jar.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JWKGATE_CDS_DELAY", "0");
        Process process = builder.start();
        started.add(process);
        // the line, not the socket file: the file exists from bind(), a moment before the server accepts
        TestHost.awaitInOutput(process, dir.resolve(name + ".out"), "listening on", Duration.ofSeconds(90));
        return process;
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** A valid token passes the server that listens on {@code <name>.sock}. */
    private void assertServes(Process process, String name) throws Exception {
        assertServesOn(process, dir.resolve(name + ".sock"), name);
    }

    private void assertServesOn(Process process, Path socket, String name) throws Exception {
        assertThat(process.isAlive()).isTrue();
        try (KongPeer kong = new KongPeer(socket)) {
            int id = kong.startInstance("jwkgate", config());
            long now = Instant.now().getEpochSecond();
            String token = key.sign("{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}");
            FakeKongPdk request = FakeKongPdk.request("GET", Map.of("authorization", "Bearer " + token));
            EventOutcome outcome = kong.handleEvent(id, "access", request);
            assertThat(outcome.kind()).as(name).isEqualTo(EventOutcome.Kind.COMPLETED);
        }
    }

    private static String config() throws IOException {
        return new ObjectMapper().writeValueAsString(Map.of("issuer", ISSUER, "jwks", TestKeys.jwks(List.of(key)),
                "credential_claim", List.of(), "__seq__", SEQ.incrementAndGet(), "__plugin_id", UUID.randomUUID().toString()));
    }

    /** Waits until the training start has replaced a truncated archive by one of the size it records. */
    private static void awaitWholeArchive(Path archive, long truncatedSize) throws Exception {
        Instant deadline = Instant.now().plus(TRAINING);
        Path size = Path.of(archive + ".size");
        while (!(Files.exists(archive) && Files.size(archive) != truncatedSize && Files.exists(size)
                && Files.readString(size).trim().equals(Long.toString(Files.size(archive))))) {
            assertThat(Instant.now()).as("a whole archive again within " + TRAINING).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private static String commandLine(Process process) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).replace('\0', ' ');
    }

    private void assertNothingAboutCds(String... names) throws IOException {
        ClassDataSharingArchives.assertNoJvmMessages(dir, names);
    }
}
