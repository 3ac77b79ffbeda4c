package dev.jwkgate.supply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReleaseVersionTest {

    @Test
    void nettyPatchReleasesShareTheirLine() {
        assertThat(ReleaseVersion.parse("4.1.141.Final").sameLine(ReleaseVersion.parse("4.1.77.Final"))).isTrue();
        assertThat(ReleaseVersion.parse("4.2.0.Final").sameLine(ReleaseVersion.parse("4.1.141.Final"))).isFalse();
    }

    @Test
    void guavasAndroidFlavourIsAnotherLine() {
        assertThat(ReleaseVersion.parse("33.8.0-android").sameLine(ReleaseVersion.parse("33.8.0-jre"))).isFalse();
        assertThat(ReleaseVersion.parse("33.8.1-jre").sameLine(ReleaseVersion.parse("33.8.0-jre"))).isTrue();
    }

    @Test
    void comparesNumbersNotText() {
        assertThat(ReleaseVersion.parse("4.1.141.Final")).isGreaterThan(ReleaseVersion.parse("4.1.77.Final"));
        assertThat(ReleaseVersion.parse("2.0.10")).isGreaterThan(ReleaseVersion.parse("2.0.9"));
        assertThat(ReleaseVersion.parse("2.23")).isEqualByComparingTo(ReleaseVersion.parse("2.23"));
    }

    @Test
    void recognisesPreReleases() {
        assertThat(ReleaseVersion.parse("4.2.0.Alpha1").isPreRelease()).isTrue();
        assertThat(ReleaseVersion.parse("4.1.0.CR7").isPreRelease()).isTrue();
        assertThat(ReleaseVersion.parse("4.0.0-RC2").isPreRelease()).isTrue();
        assertThat(ReleaseVersion.parse("7.0.0-M9").isPreRelease()).isTrue();
        assertThat(ReleaseVersion.parse("2.1.0-alpha1").isPreRelease()).isTrue();
        assertThat(ReleaseVersion.parse("1.0-SNAPSHOT").isPreRelease()).isTrue();
        assertThat(ReleaseVersion.parse("4.1.141.Final").isPreRelease()).isFalse();
        assertThat(ReleaseVersion.parse("0.6.0-RELEASE").isPreRelease()).isFalse();
        assertThat(ReleaseVersion.parse("33.8.0-jre").isPreRelease()).isFalse();
    }

    @Test
    void namesTheLineByItsFirstTwoNumbers() {
        assertThat(ReleaseVersion.parse("2.7.18").majorMinor()).isEqualTo("2.7");
        assertThat(ReleaseVersion.parse("1.87").majorMinor()).isEqualTo("1.87");
        assertThat(ReleaseVersion.parse("33.8.0-jre").line()).isEqualTo("33.8 (jre)");
    }
}
