package dev.jwkgate.apisix.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.runner.JwkGateRunnerApplication;
import dev.jwkgate.apisix.support.RunnerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the deployable jar must carry to run where APISIX runs. */
class RunnerJarContentsIT {

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
        assertThat(entries).anyMatch(e -> e.matches("BOOT-INF/lib/common-jwk-.*\\.jar"));
        assertThat(entries).contains("BOOT-INF/classes/dev/jwkgate/apisix/JwkGateFilter.class");
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
