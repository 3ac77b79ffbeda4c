package dev.jwkgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.RecordingAudit;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counted uses of shared sources: the last release closes a source, so nothing polls a URL nobody configures. */
class KeySourceLeaseTest {

    private static final String ISSUER = "https://issuer.example";

    private final TestClock clock = new TestClock();
    private final RecordingAudit audit = new RecordingAudit();
    private final ManualScheduler timer = new ManualScheduler(clock);
    private KeySourceRegistry registry;
    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.http();
        server.respond("/jwks", Response.json(TestJwks.withKids("a")).withHeader("Cache-Control", "max-age=600"));
        registry = new KeySourceRegistry(timer, Runnable::run, SourceSettings::parser);
    }

    @AfterEach
    void stop() {
        registry.closeAll();
        server.close();
    }

    private JwkGateConfig remote() {
        return JwkGateConfig.builder().issuer(ISSUER).jwksUri(server.uri("/jwks").toString()).build();
    }

    @Test
    void leasesOfEqualConfigurationsShareOneSource() {
        try (KeySourceLease first = registry.lease(remote(), clock, audit);
             KeySourceLease second = registry.lease(remote(), clock, audit)) {
            assertThat(second.source()).isSameAs(first.source());
            assertThat(server.hits("/jwks")).isEqualTo(1);
        }
    }

    @Test
    void sourceStaysWhileAnyLeaseHoldsIt() {
        KeySourceLease first = registry.lease(remote(), clock, audit);
        KeySourceLease second = registry.lease(remote(), clock, audit);

        first.close();

        assertThat(registry.statuses()).hasSize(1);
        assertThat(timer.pending()).isEqualTo(1);
        assertThat(second.source().health()).isEqualTo(SourceHealth.HEALTHY);
        second.close();
    }

    @Test
    void lastReleaseClosesTheSourceAndCancelsItsRefresh() {
        KeySourceLease first = registry.lease(remote(), clock, audit);
        KeySourceLease second = registry.lease(remote(), clock, audit);

        first.close();
        second.close();

        assertThat(registry.statuses()).isEmpty();
        assertThat(timer.pending()).isZero();
        clock.advance(java.time.Duration.ofHours(1));
        assertThat(timer.runDue()).isZero();
        assertThat(server.hits("/jwks")).isEqualTo(1);
    }

    @Test
    void closingOneLeaseTwiceReleasesOnlyOnce() {
        KeySourceLease first = registry.lease(remote(), clock, audit);
        KeySourceLease second = registry.lease(remote(), clock, audit);

        first.close();
        first.close();

        assertThat(registry.statuses()).hasSize(1);
        second.close();
        assertThat(registry.statuses()).isEmpty();
    }

    @Test
    void aLeaseAfterTheLastReleaseGetsAFreshSource() {
        KeySourceLease first = registry.lease(remote(), clock, audit);
        KeySetSource closed = first.source();
        first.close();

        try (KeySourceLease again = registry.lease(remote(), clock, audit)) {
            assertThat(again.source()).isNotSameAs(closed);
            assertThat(registry.statuses()).hasSize(1);
        }
    }

    @Test
    void aSourceHeldThroughSourceForOutlivesEveryLease() {
        KeySetSource held = registry.sourceFor(remote(), clock, audit);
        KeySourceLease lease = registry.lease(remote(), clock, audit);

        lease.close();

        assertThat(lease.source()).isSameAs(held);
        assertThat(registry.statuses()).hasSize(1);
    }
}
