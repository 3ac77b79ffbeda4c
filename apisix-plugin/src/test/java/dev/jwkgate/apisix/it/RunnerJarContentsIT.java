package dev.jwkgate.apisix.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.runner.JwkGateRunnerApplication;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.keys.support.PackagedSignatureChecks;
import dev.jwkgate.supply.PackageOwners;
import dev.jwkgate.supply.Sbom;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.loader.JarLauncher;

/** What the deployable jar must carry to run where APISIX runs. */
class RunnerJarContentsIT {

    private static final String SHADED_BC = "BOOT-INF/classes/dev/jwkgate/apisix/shaded/org/bouncycastle/";
    private static final String NESTED = "BOOT-INF/lib/";
    private static final String CORE = "dev.jwkgate:common-jwk";
    private static final String BOUNCYCASTLE = "org.bouncycastle:bcprov-jdk18on";
    private static final String LAUNCHER = "org.springframework.boot:spring-boot-loader";
    private static final String OBSERVABILITY = "dev.jwkgate:observability";
    private static final String SHADED_PROMETHEUS = "BOOT-INF/classes/dev/jwkgate/apisix/shaded/io/prometheus/metrics/";
    /** The status port's Prometheus client, folded in (relocated) with the core: jar to the package it owns. */
    private static final Map<String, String> PROMETHEUS = Map.of(
            "io.prometheus:prometheus-metrics-core", "core/",
            "io.prometheus:prometheus-metrics-model", "model/",
            "io.prometheus:prometheus-metrics-config", "config/",
            "io.prometheus:prometheus-metrics-exposition-textformats", "expositionformats/",
            "io.prometheus:prometheus-metrics-tracer-initializer", "tracer/initializer/",
            "io.prometheus:prometheus-metrics-tracer-common", "tracer/common/",
            "io.prometheus:prometheus-metrics-tracer-otel", "tracer/otel/",
            "io.prometheus:prometheus-metrics-tracer-otel-agent", "tracer/agent/");
    /** What the shade folded into the module's classes instead of nesting. */
    private static final Set<String> FOLDED_IN = folded();

    /**
     * Every library the runner jar may bundle: what runner 0.4.0 loads (its source, and the classes the ITs' runners
     * load), the filter's core and its logging binding. A library not listed here fails the build until it is
     * added with a reason. README "Supply chain" says why each Netty module is here and netty-all is not.
     */
    private static final Set<String> ALLOWED_LIBRARIES = union(PROMETHEUS.keySet(), Set.of(
            // the filter's core and what it needs (the core and BouncyCastle folded into the module's classes)
            CORE, BOUNCYCASTLE, "org.bitbucket.b_c:jose4j", "org.slf4j:slf4j-api",
            // the status port (folded in too, the Prometheus client relocated)
            OBSERVABILITY,
            // the runner, its FlatBuffers protocol and its conf-token cache
            "org.apache.apisix:apisix-runner-core", "org.apache.apisix:apisix-runner-plugin-sdk",
            "io.github.api7:A6", "com.google.flatbuffers:flatbuffers-java",
            "com.google.guava:guava", "com.google.guava:failureaccess",
            // Spring Boot (the launcher at the jar's root, the application, its application.yaml)
            LAUNCHER, "org.springframework.boot:spring-boot", "org.springframework.boot:spring-boot-autoconfigure",
            "org.springframework:spring-core", "org.springframework:spring-jcl", "org.springframework:spring-context",
            "org.springframework:spring-aop", "org.springframework:spring-beans", "org.springframework:spring-expression",
            "jakarta.annotation:jakarta.annotation-api", "org.yaml:snakeyaml",
            // logging: log4j2 to stdout (APISIX's error.log), SLF4J 2 bound to it
            "org.apache.logging.log4j:log4j-api", "org.apache.logging.log4j:log4j-core",
            "org.apache.logging.log4j:log4j-slf4j2-impl",
            // Netty: a server on a Unix socket through epoll (kqueue's classes only for the runner's KQueue.isAvailable())
            "io.netty:netty-common", "io.netty:netty-buffer", "io.netty:netty-resolver", "io.netty:netty-transport",
            "io.netty:netty-codec", "io.netty:netty-handler", "io.netty:netty-transport-native-unix-common",
            "io.netty:netty-transport-classes-epoll", "io.netty:netty-transport-classes-kqueue",
            "io.netty:netty-transport-native-epoll:linux-x86_64", "io.netty:netty-transport-native-epoll:linux-aarch_64"));

    /** Who owns what lies outside the nested jars: the filter, the folded-in core, BouncyCastle, the status port and its Prometheus client, the launcher. */
    private static final PackageOwners UNNESTED = PackageOwners.of(unnestedOwners());

    private static Map<String, String> unnestedOwners() {
        Map<String, String> owners = new HashMap<>(Map.of(
                "BOOT-INF/classes/dev/jwkgate/apisix/", "dev.jwkgate:apisix-plugin",
                "BOOT-INF/classes/application.yaml", "dev.jwkgate:apisix-plugin",
                "BOOT-INF/classes/log4j2.component.properties", "dev.jwkgate:apisix-plugin",
                "BOOT-INF/classpath.idx", "dev.jwkgate:apisix-plugin",
                "BOOT-INF/layers.idx", "dev.jwkgate:apisix-plugin",
                "BOOT-INF/classes/dev/jwkgate/", CORE,
                "BOOT-INF/classes/dev/jwkgate/observability/", OBSERVABILITY,
                SHADED_BC, BOUNCYCASTLE,
                "org/springframework/boot/loader/", LAUNCHER));
        PROMETHEUS.forEach((library, packagePath) -> owners.put(SHADED_PROMETHEUS + packagePath, library));
        return owners;
    }

    private static Set<String> folded() {
        Set<String> folded = new HashSet<>(PROMETHEUS.keySet());
        folded.addAll(Set.of(CORE, BOUNCYCASTLE, OBSERVABILITY));
        return folded;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static List<String> entries;
    private static String startClass;
    private static Properties log4jComponents;
    private static Sbom sbom;

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
        sbom = Sbom.read(Path.of(System.getProperty("jwkgate.sbom")));
    }

    @Test
    void sbomListsTheAllowedLibrariesAndNothingElse() {
        assertThat(sbom.subject().key()).isEqualTo("dev.jwkgate:apisix-plugin");
        assertThat(sbom.componentKeys()).containsExactlyInAnyOrderElementsOf(ALLOWED_LIBRARIES);
    }

    /** Each SBOM component is a nested jar of exactly its version, unless the shade folded it in or it is the launcher. */
    @Test
    void nestsExactlyTheJarsTheSbomLists() {
        List<String> nested = entries.stream()
                .filter(e -> e.startsWith(NESTED) && e.endsWith(".jar"))
                .map(e -> e.substring(NESTED.length()))
                .collect(Collectors.toList());
        List<String> listed = sbom.components().stream()
                .filter(c -> !FOLDED_IN.contains(c.key()) && !c.key().equals(LAUNCHER))
                .map(Sbom.Component::jarFileName)
                .collect(Collectors.toList());
        assertThat(nested).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void holdsNothingOutsideTheNestedJarsButTheFilterTheCoreItsBouncyCastleAndTheLauncher() {
        List<String> unnested = entries.stream().filter(e -> !e.startsWith(NESTED)).collect(Collectors.toList());
        assertThat(UNNESTED.unowned(unnested)).isEmpty();
        assertThat(UNNESTED.absent(unnested)).isEmpty();
    }

    /** The launcher the repackage wrote at the root is the spring-boot-loader (and version) the SBOM names. */
    @Test
    void launchesWithTheSpringBootLoaderTheSbomNames() throws IOException {
        Path loaderJar = Path.of(JarLauncher.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Sbom.Component loader = sbom.components().stream().filter(c -> c.key().equals(LAUNCHER)).findFirst().orElseThrow();
        assertThat(loaderJar.getFileName().toString()).isEqualTo(loader.jarFileName());
        try (JarFile runner = new JarFile(RunnerProcess.packagedJar().toFile()); JarFile original = new JarFile(loaderJar.toFile())) {
            List<String> launcherClasses = original.stream().map(ZipEntry::getName)
                    .filter(e -> e.startsWith("org/springframework/boot/loader/") && e.endsWith(".class"))
                    .collect(Collectors.toList());
            assertThat(launcherClasses).isNotEmpty();
            for (String name : launcherClasses) {
                assertThat(runner.getEntry(name)).as(name).isNotNull();
                assertThat(runner.getEntry(name).getCrc()).as(name).isEqualTo(original.getEntry(name).getCrc());
            }
        }
    }

    @Test
    void nestsNettysModulesAndLinuxNativesInsteadOfNettyAll() {
        assertThat(entries).noneMatch(e -> e.matches(NESTED + "netty-all-.*\\.jar"));
        assertThat(entries).noneMatch(e -> e.matches(NESTED + "netty-.*-(osx|windows)-.*\\.jar"));
        assertThat(entries).noneMatch(e -> e.matches(NESTED + "netty-codec-(http|http2|dns|mqtt|redis|smtp|stomp|socks|haproxy|memcache|xml)-.*\\.jar"));
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
        PackagedSignatureChecks.keepsOnlyTheBouncyCastleTheChecksNeed(entries, SHADED_BC);
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
        PackagedSignatureChecks.ed25519VerifiesWith(classes, slf4j);
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
        PackagedSignatureChecks.ecdsaVerifiesWith(alg, classes, slf4j);
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
