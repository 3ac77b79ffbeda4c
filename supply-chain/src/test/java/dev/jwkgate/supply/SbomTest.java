package dev.jwkgate.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomTest {

    @Test
    void readsTheDeployableAndItsComponentsFromTheirPackageUrls(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.cdx.json");
        Files.writeString(file, """
                {"bomFormat":"CycloneDX","specVersion":"1.6",
                 "metadata":{"component":{"purl":"pkg:maven/dev.jwkgate/apisix-plugin@0.1.0-SNAPSHOT?type=jar"}},
                 "components":[
                   {"purl":"pkg:maven/io.netty/netty-transport-native-epoll@4.1.141.Final?classifier=linux-x86_64&type=jar"},
                   {"purl":"pkg:maven/org.yaml/snakeyaml@2.7?type=jar"}]}
                """);
        Sbom sbom = Sbom.read(file);
        assertThat(sbom.subject().key()).isEqualTo("dev.jwkgate:apisix-plugin");
        assertThat(sbom.componentKeys()).containsExactly("io.netty:netty-transport-native-epoll:linux-x86_64", "org.yaml:snakeyaml");
        assertThat(sbom.components().get(0).jarFileName()).isEqualTo("netty-transport-native-epoll-4.1.141.Final-linux-x86_64.jar");
    }
}
