package dev.jwkgate.apisix.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.runner.JwkGateRunnerApplication;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.keys.support.PackagedSignatureChecks;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** What the deployable jar must carry to run where APISIX runs. */
class RunnerJarContentsIT {

    private static final String SHADED_BC = "BOOT-INF/classes/dev/jwkgate/apisix/shaded/org/bouncycastle/";
    private static List<String> entries;
    private static String startClass;
    private static Properties log4jComponents;

    @BeforeAll
    static void readJar() throws IOException {
        try (JarFile jar = new JarFile(RunnerProcess.packagedJar().toFile())) {
            entries = jar.stream().map(java.util.zip.ZipEntry::getName).collect(Collectors.toList());
            startClass = jar.getManifest().getMainAttributes().getValue("Start-Class");
            log4jComponents = new Properties();
            ZipEntry components = jar.getEntry("BOOT-INF/classes/log4j2.component.properties");
            if (components != null) {
                try (InputStream in = jar.getInputStream(components)) {
                    log4jComponents.load(in);
                }
            }
        }
    }

    @Test
    void startsTheJwkGateRunnerNotTheStockOneWhoseScanMissesTheFilter() {
        assertThat(startClass).isEqualTo(JwkGateRunnerApplication.class.getName());
    }

    @Test
    void carriesNettysEpollTransportForLinuxOnIntelAndArm() {
        // the runner only serves Unix sockets through epoll (Linux) or kqueue (macOS); APISIX images exist for both CPUs
        assertThat(entries).anyMatch(e -> e.matches("BOOT-INF/lib/netty-transport-native-epoll-.*-linux-x86_64\\.jar"));
        assertThat(entries).anyMatch(e -> e.matches("BOOT-INF/lib/netty-transport-native-epoll-.*-linux-aarch_64\\.jar"));
    }

    @Test
    void carriesTheCoreAndTheFilter() {
        // the core is folded into the module's own classes (shade), together with its private BouncyCastle
        assertThat(entries).contains("BOOT-INF/classes/dev/jwkgate/token/JwsTokenValidator.class");
        assertThat(entries).contains("BOOT-INF/classes/dev/jwkgate/apisix/JwkGateFilter.class");
        assertThat(entries).noneMatch(e -> e.matches("BOOT-INF/lib/common-jwk-.*\\.jar"));
    }

    @Test
    void carriesBouncyCastleOnlyRelocatedAndCutToTheEd25519Check() {
        assertThat(entries).contains(SHADED_BC + "math/ec/rfc8032/Ed25519.class");
        assertThat(entries).noneMatch(e -> e.matches("BOOT-INF/lib/bcprov-.*\\.jar"));
        assertThat(entries).noneMatch(e -> e.startsWith("BOOT-INF/classes/org/bouncycastle/") || e.startsWith("org/bouncycastle/"));
        long classes = entries.stream().filter(e -> e.startsWith(SHADED_BC) && e.endsWith(".class")).count();
        assertThat(classes).isBetween(300L, 1_000L); // all of bcprov is over 6,000
        assertThat(entries).noneMatch(e -> e.startsWith(SHADED_BC + "jce/") || e.startsWith(SHADED_BC + "jcajce/"));
    }

    @Test
    void registersNoJcaProviderAndCarriesNoSignatureFiles() {
        assertThat(entries).noneMatch(e -> e.endsWith("META-INF/services/java.security.Provider"));
        assertThat(entries).noneMatch(e -> e.matches("(BOOT-INF/classes/)?META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
        assertThat(entries).contains("META-INF/LICENSE.md"); // BouncyCastle's licence travels with its classes
    }

    /** The relocated classes are complete: an Ed25519 check runs from the jar's classes with the JDK alone (and SLF4J). */
    @Test
    void verifiesAnEd25519SignatureWithTheRelocatedBouncyCastle() throws Exception {
        URL classes = new URL("jar:" + RunnerProcess.packagedJar().toUri() + "!/BOOT-INF/classes/");
        URL slf4j = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes, slf4j}, ClassLoader.getPlatformClassLoader())) {
            PackagedSignatureChecks.ed25519VerifiesWith(isolated);
        }
    }

    /**
     * The kept classes are complete for ECDSA too: a P-256, P-384 or P-521 check runs from the jar's classes with the
     * JDK alone (and SLF4J).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void verifiesAnEcdsaSignatureWithTheRelocatedBouncyCastle(String alg) throws Exception {
        URL classes = new URL("jar:" + RunnerProcess.packagedJar().toUri() + "!/BOOT-INF/classes/");
        URL slf4j = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes, slf4j}, ClassLoader.getPlatformClassLoader())) {
            PackagedSignatureChecks.ecdsaVerifiesWith(isolated, alg);
        }
    }

    @Test
    void bindsSlf4jTwoToLog4jSoNoLogLineIsDropped() {
        assertThat(entries).anyMatch(e -> e.matches("BOOT-INF/lib/log4j-slf4j2-impl-.*\\.jar"));
        assertThat(entries).noneMatch(e -> e.matches("BOOT-INF/lib/log4j-slf4j-impl-.*\\.jar"));
    }

    @Test
    void keepsOneLoggerContextSoTheRunnersLoggerPerRequestWalksNoStack() {
        assertThat(log4jComponents.getProperty("log4j2.contextSelector"))
                .isEqualTo("org.apache.logging.log4j.core.selector.BasicContextSelector");
    }
}
