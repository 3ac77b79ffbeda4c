package dev.jwkgate.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageOwnersTest {

    private static final PackageOwners OWNERS = PackageOwners.of(Map.of(
            "dev/jwkgate/", "core", "dev/jwkgate/kong/", "plugin", "org/slf4j/", "api", "org/slf4j/simple/", "simple"));

    @Test
    void theLongestMatchingPrefixOwnsAnEntry() {
        assertThat(OWNERS.ownerOf("dev/jwkgate/kong/X.class")).contains("plugin");
        assertThat(OWNERS.ownerOf("dev/jwkgate/token/Y.class")).contains("core");
        assertThat(OWNERS.ownerOf("org/slf4j/simple/Z.class")).contains("simple");
    }

    @Test
    void multiReleaseClassesBelongToTheirPackagesOwner() {
        assertThat(OWNERS.ownerOf("META-INF/versions/17/org/slf4j/L.class")).contains("api");
    }

    @Test
    void listsFilesNoLibraryOwnsButNotTheJarsOwnMetadata() {
        assertThat(OWNERS.unowned(List.of("META-INF/MANIFEST.MF", "io/netty/A.class", "dev/", "META-INF/versions/11/io/B.class")))
                .containsExactly("META-INF/versions/11/io/B.class", "io/netty/A.class");
    }

    @Test
    void listsAllowedLibrariesTheJarLacks() {
        assertThat(OWNERS.absent(List.of("dev/jwkgate/A.class", "org/slf4j/B.class"))).containsExactly("plugin", "simple");
    }
}
