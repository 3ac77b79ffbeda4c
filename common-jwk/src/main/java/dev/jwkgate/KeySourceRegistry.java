package dev.jwkgate;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.JwkGateConfig.KeySourceKind;
import dev.jwkgate.config.Setting;
import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.metrics.ProcessMetrics;
import dev.jwkgate.source.JwksParser;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.SourceEvents;
import dev.jwkgate.source.SourceStatus;
import dev.jwkgate.source.local.HmacKeySets;
import dev.jwkgate.source.local.LocalKeySets;
import dev.jwkgate.source.local.StaticKeySetSource;
import dev.jwkgate.source.remote.BackgroundThreads;
import dev.jwkgate.source.remote.RefreshScheduler;
import dev.jwkgate.source.remote.RemoteKeySetSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds key sources from configurations and shares them: two configurations naming the same
 * {@code jwks_uri} (or issuer, with discovery), issuer and fetch and cache settings get one cache and one
 * refresher, however many routes, plugins or realms use them.
 *
 * <p>Static sources ({@code jwks}, {@code jwks_file}, {@code hmac_secrets}) are built fresh each time: they
 * hold no threads and cost one parse. A shared source sends its audit events to the listener of every
 * configuration that asked for it. Closing a shared source (or {@link #closeAll()}) removes it from the
 * registry; the next request for it builds a new one. A remote source counts its fetches with the recorder of
 * {@link ProcessMetrics} as it is when the source is built, unless the registry was given its own.
 *
 * <p>Shared sources are counted: each {@link #lease} is one use, and the last released use closes the source,
 * so a URL removed from every configuration stops being polled. {@link #sourceFor} is a use that is never
 * released, for holders that live as long as the registry.
 */
public final class KeySourceRegistry {

    private static final KeySourceRegistry SHARED = new KeySourceRegistry();

    private final RefreshScheduler scheduler;
    private final Executor fetchExecutor;
    private final Function<JwkGateConfig, JwksParser> parsers;
    private final Supplier<MetricsRecorder> metrics;
    private final Map<SharingKey, Shared> remote = new ConcurrentHashMap<>();

    /** The JVM-wide registry. */
    public static KeySourceRegistry shared() {
        return SHARED;
    }

    /** A separate registry on the shared daemon threads, with the configuration's ingestion policy. */
    public KeySourceRegistry() {
        this(BackgroundThreads.scheduler(), BackgroundThreads.fetchExecutor(), SourceSettings::parser);
    }

    /** A registry with its own timer, fetch threads and parser (tests, embedding). */
    public KeySourceRegistry(RefreshScheduler scheduler, Executor fetchExecutor, Function<JwkGateConfig, JwksParser> parsers) {
        this(scheduler, fetchExecutor, parsers, ProcessMetrics::recorder);
    }

    /** A registry with its own timer, fetch threads, parser and metrics (tests, embedding). */
    public KeySourceRegistry(RefreshScheduler scheduler, Executor fetchExecutor, Function<JwkGateConfig, JwksParser> parsers,
                             Supplier<MetricsRecorder> metrics) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.fetchExecutor = Objects.requireNonNull(fetchExecutor);
        this.parsers = Objects.requireNonNull(parsers);
        this.metrics = Objects.requireNonNull(metrics);
    }

    /**
     * One use of the source the configuration names, released by closing the lease. Remote and discovery sources
     * start loading in the background at once, and are closed by the release of their last use.
     *
     * @throws dev.jwkgate.config.ConfigException when a static set or a TLS store cannot be used
     */
    public KeySourceLease lease(JwkGateConfig config, Clock clock, AuditListener audit) {
        KeySourceKind kind = config.keySourceKind();
        if (kind == KeySourceKind.REMOTE || kind == KeySourceKind.DISCOVERY) {
            SharingKey key = SharingKey.of(config, kind, clock);
            Shared shared = acquire(config, key, clock, audit);
            return new KeySourceLease(shared.source(), () -> release(key, shared));
        }
        KeySetSource own = sourceFor(config, clock, audit); // built for this holder alone
        return new KeySourceLease(own, own::close);
    }

    /**
     * The source the configuration names, held for as long as the registry lives (or until {@link #closeAll()}).
     * Remote and discovery sources start loading in the background at once. Holders that come and go (gateway
     * routes) use {@link #lease} instead.
     *
     * @throws dev.jwkgate.config.ConfigException when a static set or a TLS store cannot be used
     */
    public KeySetSource sourceFor(JwkGateConfig config, Clock clock, AuditListener audit) {
        KeySourceKind kind = config.keySourceKind();
        switch (kind) {
            case STATIC_TEXT:
                return local(config, "jwks (inline)", clock, audit, parser ->
                        LocalKeySets.fromText("jwks", config.string(Setting.JWKS), parser, clock.instant()));
            case STATIC_FILE:
                return local(config, "file:" + config.string(Setting.JWKS_FILE), clock, audit, parser ->
                        LocalKeySets.fromFile(Path.of(config.string(Setting.JWKS_FILE)),
                                config.integer(Setting.MAX_JWKS_BYTES), parser, clock.instant()));
            case HMAC:
                return hmac(config, clock, audit);
            case REMOTE:
            case DISCOVERY:
                return acquire(config, SharingKey.of(config, kind, clock), clock, audit).source();
            default:
                throw new IllegalStateException("unknown key source kind " + kind);
        }
    }

    /** Every shared source with its health, for adapters' status pages, health endpoints and metrics. */
    public List<SourceStatus> statuses() {
        List<SourceStatus> out = new ArrayList<>();
        remote.values().forEach(shared -> out.add(shared.source().status()));
        return out;
    }

    /** Closes every shared source (tests, shutdown); later requests build new ones. */
    public void closeAll() {
        new ArrayList<>(remote.values()).forEach(shared -> shared.source().close());
        remote.clear();
    }

    private KeySetSource local(JwkGateConfig config, String location, Clock clock, AuditListener audit,
                               Function<JwksParser, IngestedKeySet> read) {
        IngestedKeySet ingested = read.apply(parsers.apply(config));
        new SourceEvents(audit, clock, () -> location).loaded(null, null, ingested.keys(), ingested.refusals());
        return new StaticKeySetSource(config.issuer(), location, ingested.keys());
    }

    private KeySetSource hmac(JwkGateConfig config, Clock clock, AuditListener audit) {
        KeySet keys = HmacKeySets.from(config.stringMap(Setting.HMAC_SECRETS), clock.instant());
        new SourceEvents(audit, clock, () -> "hmac_secrets").loaded(null, null, keys, List.of());
        return new StaticKeySetSource(config.issuer(), "hmac_secrets", keys);
    }

    /** One more use of the shared source for this key, built and started if there is none. */
    private Shared acquire(JwkGateConfig config, SharingKey key, Clock clock, AuditListener audit) {
        boolean[] created = new boolean[1];
        Shared shared = remote.compute(key, (k, existing) -> {
            if (existing != null) {
                existing.holders++;
                return existing;
            }
            created[0] = true;
            return build(config, clock, k);
        });
        shared.audit().add(audit);
        if (created[0]) {
            shared.source().start();
        }
        return shared;
    }

    /** One use fewer; the last one closes the source (outside the map's lock: closing calls back into it). */
    private void release(SharingKey key, Shared shared) {
        boolean[] last = new boolean[1];
        remote.computeIfPresent(key, (k, current) -> {
            if (current != shared || --current.holders > 0) {
                return current; // another use remains, or this source was closed already and replaced
            }
            last[0] = true;
            return null;
        });
        if (last[0]) {
            shared.source().close();
        }
    }

    private Shared build(JwkGateConfig config, Clock clock, SharingKey key) {
        SharedAuditListener audit = new SharedAuditListener();
        Shared[] self = new Shared[1];
        RemoteKeySetSource source = SourceSettings.remoteSource(config, parsers.apply(config), clock)
                .audit(audit)
                .scheduler(scheduler)
                .fetchExecutor(fetchExecutor)
                .metrics(metrics.get().keySource(config.issuer()))
                .onClose(() -> remote.remove(key, self[0]))
                .build();
        self[0] = new Shared(source, audit);
        return self[0];
    }

    /** A shared source and its number of uses (guarded by the map's per-key lock). */
    private static final class Shared {
        private final RemoteKeySetSource source;
        private final SharedAuditListener audit;
        private int holders = 1;

        Shared(RemoteKeySetSource source, SharedAuditListener audit) {
            this.source = source;
            this.audit = audit;
        }

        RemoteKeySetSource source() {
            return source;
        }

        SharedAuditListener audit() {
            return audit;
        }
    }

    /** What makes two configurations' remote sources interchangeable; holds secrets, so never printed. */
    private record SharingKey(KeySourceKind kind, Map<Setting, Object> settings, Clock clock) {

        static SharingKey of(JwkGateConfig config, KeySourceKind kind, Clock clock) {
            Map<Setting, Object> settings = new EnumMap<>(Setting.class);
            for (Setting setting : Setting.values()) {
                if (shapesTheSource(setting)) {
                    settings.put(setting, config.value(setting));
                }
            }
            return new SharingKey(kind, settings, clock);
        }

        private static boolean shapesTheSource(Setting setting) {
            return setting.section() == Setting.Section.FETCH || setting.section() == Setting.Section.KEY_CACHE
                    || setting == Setting.ISSUER || setting == Setting.JWKS_URI || setting == Setting.DISCOVERY
                    || setting == Setting.MAX_JSON_DEPTH;
        }

        @Override
        public String toString() {
            return "SharingKey[" + kind + "]";
        }
    }
}
