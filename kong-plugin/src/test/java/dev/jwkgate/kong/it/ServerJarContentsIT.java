package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.support.JarContentsContract;
import dev.jwkgate.support.PackagedJar;
import dev.jwkgate.supply.PackageOwners;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin server jar carries only the libraries it needs, as its SBOM lists them, and of BouncyCastle only the part the core's Ed25519 and ES256 checks need. */
class ServerJarContentsIT implements JarContentsContract {

    private static final String SUBJECT = "dev.jwkgate:kong-plugin";

    /**
     * Every library the plugin server jar may bundle, by the packages it owns: the plugin and the PDK, the core
     * with its jose4j, SLF4J and cut-down BouncyCastle, protobuf (relocated) for Kong's plugin socket, Jackson
     * for the configuration and the dump, the SLF4J binding that logs to stderr, and the status port's metrics (the
     * observability module and the Prometheus client, relocated). Anything else fails the build.
     */
    private static final PackageOwners LIBRARIES = PackageOwners.of(Map.ofEntries(
            Map.entry("dev/jwkgate/kong/", SUBJECT),
            Map.entry("simplelogger.properties", SUBJECT),
            Map.entry("dev/jwkgate/kong/pdk/", "dev.jwkgate:kong-pdk"),
            Map.entry("dev/jwkgate/", "dev.jwkgate:common-jwk"),
            Map.entry("org/jose4j/", "org.bitbucket.b_c:jose4j"),
            Map.entry("org/bouncycastle/", "org.bouncycastle:bcprov-jdk18on"),
            Map.entry("dev/jwkgate/kong/shaded/protobuf/", "com.google.protobuf:protobuf-java"),
            Map.entry("google/protobuf/", "com.google.protobuf:protobuf-java"),
            Map.entry("com/fasterxml/jackson/databind/", "com.fasterxml.jackson.core:jackson-databind"),
            Map.entry("com/fasterxml/jackson/core/", "com.fasterxml.jackson.core:jackson-core"),
            Map.entry("com/fasterxml/jackson/annotation/", "com.fasterxml.jackson.core:jackson-annotations"),
            Map.entry("org/slf4j/", "org.slf4j:slf4j-api"),
            Map.entry("org/slf4j/simple/", "org.slf4j:slf4j-simple"),
            Map.entry("dev/jwkgate/observability/", "dev.jwkgate:observability"),
            Map.entry("dev/jwkgate/kong/shaded/prometheus/metrics/core/", "io.prometheus:prometheus-metrics-core"),
            Map.entry("dev/jwkgate/kong/shaded/prometheus/metrics/model/", "io.prometheus:prometheus-metrics-model"),
            Map.entry("dev/jwkgate/kong/shaded/prometheus/metrics/config/", "io.prometheus:prometheus-metrics-config"),
            Map.entry("dev/jwkgate/kong/shaded/prometheus/metrics/expositionformats/",
                    "io.prometheus:prometheus-metrics-exposition-textformats"),
            Map.entry("dev/jwkgate/kong/shaded/prometheus/metrics/tracer/initializer/",
                    "io.prometheus:prometheus-metrics-tracer-initializer"),
            Map.entry("dev/jwkgate/kong/shaded/prometheus/metrics/tracer/common/",
                    "io.prometheus:prometheus-metrics-tracer-common"),
            Map.entry("dev/jwkgate/kong/shaded/prometheus/metrics/tracer/otel/",
                    "io.prometheus:prometheus-metrics-tracer-otel"),
            Map.entry("dev/jwkgate/kong/shaded/prometheus/metrics/tracer/agent/",
                    "io.prometheus:prometheus-metrics-tracer-otel-agent")));

    private static final PackagedJar JAR = PackagedJar.fromProperties("jwkgate.kong.jar");
    private static final List<String> ENTRIES = JAR.entries();

    @Override
    public Deployable deployable() {
        return new Deployable(JAR, LIBRARIES, SUBJECT, "org/bouncycastle/");
    }

    @Test
    void carriesThePrometheusClientOnlyUnderARelocatedName() {
        assertThat(ENTRIES).noneMatch(e -> e.startsWith("io/prometheus/"));
        assertThat(ENTRIES).contains("dev/jwkgate/kong/shaded/prometheus/metrics/core/metrics/Counter.class");
    }

    @Test
    void carriesProtobufOnlyUnderARelocatedName() {
        assertThat(ENTRIES).noneMatch(e -> e.startsWith("com/google/protobuf/"));
        assertThat(ENTRIES).contains("dev/jwkgate/kong/shaded/protobuf/Struct.class",
                "dev/jwkgate/kong/pdk/protocol/KongProtocol.class");
    }

    /** The PDK's Kong peer (an imitation of Kong for tests of plugins) stays out of the server Kong runs. */
    @Test
    void carriesNoKongPeer() {
        assertThat(ENTRIES).noneMatch(e -> e.startsWith("dev/jwkgate/kong/peer/"));
        assertThat(ENTRIES).contains("dev/jwkgate/kong/pdk/Kong.class");
    }
}
