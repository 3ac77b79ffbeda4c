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

    @Test
    void reportsAnSbomThatListsOtherLibrariesThanTheJarsAllowList() {
        PackageOwners owners = PackageOwners.of(Map.of("dev/jwkgate/", "dev.jwkgate:common-jwk", "org/jose4j/", "org.bitbucket.b_c:jose4j"));
        Sbom sbom = new Sbom(new Sbom.Component("dev.jwkgate", "common-jwk", "", "1"),
                List.of(new Sbom.Component("org.slf4j", "slf4j-api", "", "2.0.20")));
        assertThat(owners.mismatches(List.of("dev/jwkgate/A.class", "org/jose4j/B.class"), sbom, "dev.jwkgate:common-jwk"))
                .containsExactly("the SBOM lists a library not in the jar's allow-list: org.slf4j:slf4j-api",
                        "the SBOM misses an allowed library: org.bitbucket.b_c:jose4j");
    }

    @Test
    void findsNoMismatchWhenJarAndSbomFollowTheAllowList() {
        PackageOwners owners = PackageOwners.of(Map.of("dev/jwkgate/", "dev.jwkgate:common-jwk", "org/jose4j/", "org.bitbucket.b_c:jose4j"));
        Sbom sbom = new Sbom(new Sbom.Component("dev.jwkgate", "common-jwk", "", "1"),
                List.of(new Sbom.Component("org.bitbucket.b_c", "jose4j", "", "0.9.7")));
        assertThat(owners.mismatches(List.of("dev/jwkgate/A.class", "org/jose4j/B.class"), sbom, "dev.jwkgate:common-jwk")).isEmpty();
    }
}
