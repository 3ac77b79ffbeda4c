package dev.jwkgate;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.Slf4jAuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.metrics.ProcessMetrics;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.token.TokenValidator;
import java.time.Clock;
import java.util.Objects;

/**
 * The composition root: builds a {@link TokenValidator} for a configuration, its key source through
 * {@link KeySourceRegistry} and {@link SourceSettings}.
 */
public final class JwkGate {

    private JwkGate() {
    }

    /**
     * A validator with the system clock, SLF4J audit logging, the JVM-wide shared key sources and the JVM's metrics
     * recorder ({@link ProcessMetrics}, which records nothing unless a deployable bound one).
     */
    public static TokenValidator validator(JwkGateConfig config) {
        return builder(config).build();
    }

    public static Builder builder(JwkGateConfig config) {
        return new Builder(config);
    }

    /** Optional collaborators; every one has a production default. */
    public static final class Builder {
        private final JwkGateConfig config;
        private Clock clock = Clock.systemUTC();
        private AuditListener auditListener = new Slf4jAuditListener();
        private KeySourceRegistry sources = KeySourceRegistry.shared();
        private KeySetSource keySource;
        private MetricsRecorder metrics;

        private Builder(JwkGateConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder auditListener(AuditListener listener) {
            this.auditListener = Objects.requireNonNull(listener);
            return this;
        }

        /** Where remote sources are shared; defaults to one registry per JVM. */
        public Builder sources(KeySourceRegistry sources) {
            this.sources = Objects.requireNonNull(sources);
            return this;
        }

        /** Uses this source instead of the one the configuration names (tests, embedding). */
        public Builder keySource(KeySetSource keySource) {
            this.keySource = Objects.requireNonNull(keySource);
            return this;
        }

        /** Where the validator counts its verdicts; the JVM's recorder ({@link ProcessMetrics}) by default. */
        public Builder metrics(MetricsRecorder metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        public TokenValidator build() {
            KeySetSource source = keySource != null ? keySource : sources.sourceFor(config, clock, auditListener);
            return dev.jwkgate.token.JwsTokenValidator.create(config, source, clock, auditListener,
                    metrics != null ? metrics : ProcessMetrics.recorder());
        }
    }
}
