package dev.jwkgate.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatestPatchCheckTest {

    private static final Sbom.Component NETTY = new Sbom.Component("io.netty", "netty-handler", "", "4.1.140.Final");

    /** A repository that lists the given versions and serves the jars of all but the unserved ones. */
    private static ReleaseRepository listing(List<String> versions, Set<String> unserved) {
        return new ReleaseRepository() {
            @Override
            public List<String> versions(String group, String name) {
                return versions;
            }

            @Override
            public boolean hasJar(Sbom.Component component, String version) {
                return !unserved.contains(version);
            }
        };
    }

    private static LatestPatchCheck.Finding checkNetty(ReleaseRepository repository, String exceptions) throws Exception {
        List<LatestPatchCheck.Finding> findings = new LatestPatchCheck(repository,
                DeliberateExceptions.parse(exceptions.lines().toList())).check(List.of(NETTY));
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void failsWhenANewerPatchOfTheLineIsOut() throws Exception {
        LatestPatchCheck.Finding finding = checkNetty(listing(List.of("4.1.139.Final", "4.1.140.Final", "4.1.141.Final"), Set.of()), "");
        assertThat(finding.fails()).isTrue();
        assertThat(finding.newestPatch()).isEqualTo("4.1.141.Final");
        assertThat(finding.note()).contains("BEHIND");
    }

    @Test
    void passesOnTheNewestPatchAndOnlyReportsANewerLine() throws Exception {
        LatestPatchCheck.Finding finding = checkNetty(listing(List.of("4.1.140.Final", "4.2.21.Final"), Set.of()), "");
        assertThat(finding.fails()).isFalse();
        assertThat(finding.newerLine()).isEqualTo("4.2.21.Final");
        assertThat(finding.note()).contains("newer line 4.2");
    }

    @Test
    void ignoresPreReleasesAndReleasesWhoseJarIsNotServed() throws Exception {
        LatestPatchCheck.Finding finding = checkNetty(listing(
                List.of("4.1.140.Final", "4.1.141.CR1", "4.1.142.Final"), Set.of("4.1.142.Final")), "");
        assertThat(finding.fails()).isFalse();
        assertThat(finding.newestPatch()).isEqualTo("4.1.140.Final");
    }

    @Test
    void acceptsAVersionHeldWithAReason() throws Exception {
        LatestPatchCheck.Finding finding = checkNetty(listing(List.of("4.1.140.Final", "4.1.141.Final"), Set.of()),
                "version io.netty:netty-handler 4.1.140.Final 4.1.141 breaks the runner's frames");
        assertThat(finding.fails()).isFalse();
        assertThat(finding.note()).contains("breaks the runner's frames");
    }

    @Test
    void failsOnAVersionHoldThatNoLongerApplies() throws Exception {
        LatestPatchCheck.Finding finding = checkNetty(listing(List.of("4.1.140.Final"), Set.of()),
                "version io.netty:netty-handler 4.1.140.Final some reason");
        assertThat(finding.fails()).isTrue();
        assertThat(finding.note()).contains("no longer applies");
    }

    @Test
    void quotesTheReasonOfAHeldLine() throws Exception {
        LatestPatchCheck.Finding finding = checkNetty(listing(List.of("4.1.140.Final", "4.2.0.Final"), Set.of()),
                "line io.netty:netty-handler 4.1 the runner needs 4.1");
        assertThat(finding.fails()).isFalse();
        assertThat(finding.note()).isEqualTo("line 4.1 held: the runner needs 4.1");
    }

    @Test
    void failsOnALineHoldNamingAnotherLineOrNoLongerNeeded() throws Exception {
        assertThat(checkNetty(listing(List.of("4.1.140.Final", "4.2.0.Final"), Set.of()),
                "line io.netty:netty-handler 4.0 reason").fails()).isTrue();
        assertThat(checkNetty(listing(List.of("4.1.140.Final"), Set.of()),
                "line io.netty:netty-handler 4.1 reason").fails()).isTrue();
    }

    @Test
    void failsOnAnExceptionForALibraryNothingBundles() throws Exception {
        List<LatestPatchCheck.Finding> findings = new LatestPatchCheck(listing(List.of("4.1.140.Final"), Set.of()),
                DeliberateExceptions.parse(List.of("line org.example:gone 1.0 reason"))).check(List.of(NETTY));
        assertThat(findings).filteredOn(LatestPatchCheck.Finding::fails).singleElement()
                .satisfies(f -> assertThat(f.note()).contains("no deployable bundles"));
    }

    @Test
    void looksUpNeitherJwkgatesOwnModulesNorALibraryTwice() throws Exception {
        Map<String, Integer> lookups = new java.util.HashMap<>();
        ReleaseRepository counting = new ReleaseRepository() {
            @Override
            public List<String> versions(String group, String name) {
                lookups.merge(group + ":" + name, 1, Integer::sum);
                return List.of("4.1.140.Final");
            }

            @Override
            public boolean hasJar(Sbom.Component component, String version) {
                return true;
            }
        };
        new LatestPatchCheck(counting, DeliberateExceptions.parse(List.of())).check(List.of(NETTY, NETTY,
                new Sbom.Component("dev.jwkgate", "common-jwk", "", "0.1.0-SNAPSHOT")));
        assertThat(lookups).containsExactly(Map.entry("io.netty:netty-handler", 1));
    }
}
