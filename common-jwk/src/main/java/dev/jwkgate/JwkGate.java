package dev.jwkgate;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.AuditLogFormat;
import dev.jwkgate.audit.Slf4jAuditListener;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.metrics.ProcessMetrics;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.token.JwsTokenValidator;
import dev.jwkgate.token.MultiIssuerValidator;
import dev.jwkgate.token.TokenValidator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The composition root: builds a {@link TokenValidator} for a configuration, its key sources (one per trusted
 * issuer) through {@link KeySourceRegistry} and {@link SourceSettings}.
 */
public final class JwkGate {

    private JwkGate() {
    }

    /**
     * A validator with the system clock, the configuration's SLF4J audit log ({@link #auditLog}), the JVM-wide shared
     * key sources and the JVM's metrics recorder ({@link ProcessMetrics}, which records nothing unless a deployable bound one).
     */
    public static TokenValidator validator(JwkGateConfig config) {
        return builder(config).build();
    }

    public static Builder builder(JwkGateConfig config) {
        return new Builder(config);
    }

    /**
     * The SLF4J audit log the configuration asks for: {@code audit_log_format}, and at most
     * {@code refusal_log_lines} refusal lines per {@code refusal_log_interval_seconds}, the rest summed up.
     */
    public static AuditListener auditLog(JwkGateConfig config) {
        return new Slf4jAuditListener(AuditLogFormat.bySettingValue(config.string(Setting.AUDIT_LOG_FORMAT)).orElseThrow(),
                config.integer(Setting.REFUSAL_LOG_LINES), config.seconds(Setting.REFUSAL_LOG_INTERVAL_SECONDS));
    }

    /** Optional collaborators; every one has a production default. */
    public static final class Builder {
        private final JwkGateConfig config;
        private Clock clock = Clock.systemUTC();
        private AuditListener auditListener;
        private KeySourceRegistry sources = KeySourceRegistry.shared();
        private final Map<String, KeySetSource> keySources = new LinkedHashMap<>();
        private MetricsRecorder metrics;

        private Builder(JwkGateConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            this.auditListener = auditLog(config);
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

        /**
         * Uses this source instead of the one the configuration names (tests, embedding). With
         * {@code additional_issuers}, call it once per issuer to replace: a source replaces the one of the issuer it
         * belongs to ({@link KeySetSource#issuer()}).
         */
        public Builder keySource(KeySetSource keySource) {
            keySources.put(Objects.requireNonNull(keySource).issuer(), keySource);
            return this;
        }

        /** Where the validators count their verdicts; the JVM's recorder ({@link ProcessMetrics}) by default. */
        public Builder metrics(MetricsRecorder metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /**
         * The validator: one {@link JwsTokenValidator} for the issuer, or with {@code additional_issuers} one per
         * trusted issuer, each with its own key source, behind a {@link MultiIssuerValidator}.
         *
         * @throws dev.jwkgate.config.ConfigException when a given source belongs to no trusted issuer
         */
        public TokenValidator build() {
            MetricsRecorder recorder = metrics != null ? metrics : ProcessMetrics.recorder();
            List<JwkGateConfig> issuers = config.perIssuer();
            if (issuers.size() == 1) {
                // a given source of another issuer is refused by create(), naming both issuers
                KeySetSource source = keySources.isEmpty() ? sources.sourceFor(config, clock, auditListener)
                        : keySources.values().iterator().next();
                return JwsTokenValidator.create(config, source, clock, auditListener, recorder);
            }
            Map<String, KeySetSource> unused = new LinkedHashMap<>(keySources);
            Map<String, TokenValidator> byIssuer = new LinkedHashMap<>();
            for (JwkGateConfig one : issuers) {
                KeySetSource given = unused.remove(one.issuer());
                KeySetSource source = given != null ? given : sources.sourceFor(one, clock, auditListener);
                byIssuer.put(one.issuer(), JwsTokenValidator.create(one, source, clock, auditListener, recorder));
            }
            if (!unused.isEmpty()) {
                throw new ConfigException("additional_issuers: a key source was given for issuer '"
                        + unused.keySet().iterator().next() + "', which the configuration does not trust");
            }
            return MultiIssuerValidator.create(config, byIssuer, clock, auditListener, recorder);
        }
    }
}
