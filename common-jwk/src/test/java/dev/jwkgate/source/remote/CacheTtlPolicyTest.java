package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** TTL from Cache-Control: max-age within [min, max], the default otherwise. */
class CacheTtlPolicyTest {

    private final CacheTtlPolicy policy = new CacheTtlPolicy(Duration.ofSeconds(60), Duration.ofSeconds(86_400),
            Duration.ofSeconds(900));

    @Test
    void usesMaxAgeWithinTheClamps() {
        assertThat(policy.ttlFor("public, max-age=3600")).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    void raisesAShortMaxAgeToTheMinimum() {
        assertThat(policy.ttlFor("max-age=5")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void lowersALongMaxAgeToTheMaximum() {
        assertThat(policy.ttlFor("max-age=31536000")).isEqualTo(Duration.ofSeconds(86_400));
    }

    @Test
    void usesTheDefaultWithoutCacheControl() {
        assertThat(policy.ttlFor(null)).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void usesTheDefaultForKeycloaksNoCache() {
        assertThat(policy.ttlFor("no-cache")).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void usesTheDefaultForNoStoreEvenWithAMaxAge() {
        assertThat(policy.ttlFor("no-store, max-age=3600")).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void usesTheDefaultForMaxAgeZero() {
        assertThat(policy.ttlFor("max-age=0")).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void usesTheDefaultForAnUnreadableMaxAge() {
        assertThat(policy.ttlFor("max-age=-5")).isEqualTo(Duration.ofSeconds(900));
        assertThat(policy.ttlFor("max-age=soon")).isEqualTo(Duration.ofSeconds(900));
        assertThat(policy.ttlFor("max-age=99999999999999999999999")).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void readsDirectivesCaseInsensitively() {
        assertThat(policy.ttlFor("Public, MAX-AGE=120")).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void refusesADefaultOutsideTheClamps() {
        assertThatThrownBy(() -> new CacheTtlPolicy(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(900)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
