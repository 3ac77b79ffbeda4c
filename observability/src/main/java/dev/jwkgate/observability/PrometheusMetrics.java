package dev.jwkgate.observability;

import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.metrics.KeySourceMetrics;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.metrics.TokenCacheMetrics;
import dev.jwkgate.metrics.ValidationMetrics;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.SourceStatus;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The core's {@link MetricsRecorder} on the Prometheus Java client, scraped as Prometheus text. Every series is
 * labelled by the configured issuer (and a key source's configured location) only, never by anything a token
 * carries, so the number of series is fixed by the configuration. The request path only increments counters and
 * observes the histogram it was handed when its validator was built; gauges (cache entries, source health, keys,
 * fetch age) are read from the caches and sources when Prometheus scrapes.
 *
 * <p>Names (Prometheus naming conventions: base units, {@code _total} on counters):
 * <ul>
 *   <li>{@code jwkgate_validations_total{issuer,outcome,reason}}: every request decided, {@code outcome} accepted or
 *       refused, {@code reason} a reason code ({@code none} when accepted);</li>
 *   <li>{@code jwkgate_consumer_not_found_total{issuer}}: accepted tokens whose Kong consumer was not found (refused
 *       {@code unknown_consumer}, or passed as {@code anonymous}); counted apart, each request has one verdict;</li>
 *   <li>{@code jwkgate_validation_duration_seconds{issuer}}: the full checks (cache hits are not timed);</li>
 *   <li>{@code jwkgate_token_cache_hits_total}, {@code _misses_total}, {@code _evictions_total}, {@code jwkgate_token_cache_entries};</li>
 *   <li>{@code jwkgate_key_source_fetches_total{issuer,result}}, {@code jwkgate_key_source_unknown_kid_total{issuer,result}}
 *       ({@code refreshed}, {@code joined} a refresh under way, {@code throttled} by the cooldown);</li>
 *   <li>{@code jwkgate_key_source_health{issuer,source,state}} (1 for the current state, 0 for the others),
 *       {@code jwkgate_key_source_keys}, {@code jwkgate_key_source_last_success_age_seconds}.</li>
 * </ul>
 */
public final class PrometheusMetrics implements MetricsRecorder {

    /**
     * Upper bounds of the latency buckets, in seconds: a cold RS256 check takes tens of microseconds, an Ed448 or
     * RS512 one up to a millisecond, and a request that waits for a first load or an unknown-kid refresh up to
     * {@code first_load_wait_ms} (1 s by default).
     */
    static final double[] LATENCY_BUCKETS = {0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
            0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter validations;
    private final Counter consumersNotFound;
    private final Histogram latency;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter cacheEvictions;
    private final Counter fetches;
    private final Counter unknownKids;
    /** Per issuer, the size suppliers of its caches, held weakly: a forgotten validator takes its cache with it. */
    private final Map<String, List<WeakReference<IntSupplier>>> cacheSizes = new ConcurrentHashMap<>();
    private final Map<String, ValidationMetrics> byIssuer = new ConcurrentHashMap<>();

    /** Metrics of the validators built from now on, with the gauges of the sources of {@code sources}. */
    public PrometheusMetrics(Supplier<List<SourceStatus>> sources, Clock clock) {
        Objects.requireNonNull(sources);
        Objects.requireNonNull(clock);
        validations = Counter.builder().name("jwkgate_validations_total")
                .help("Requests decided, by outcome and reason code")
                .labelNames("issuer", "outcome", "reason").withoutExemplars().register(registry);
        consumersNotFound = Counter.builder().name("jwkgate_consumer_not_found_total")
                .help("Accepted tokens whose consumer was not found: refused unknown_consumer, or passed as the anonymous consumer "
                        + "(each also counted once in jwkgate_validations_total, as accepted)")
                .labelNames("issuer").withoutExemplars().register(registry);
        latency = Histogram.builder().name("jwkgate_validation_duration_seconds")
                .help("Time of the full checks of a token (verified-token cache hits are not timed)")
                .labelNames("issuer").classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars()
                .register(registry);
        cacheHits = counter("jwkgate_token_cache_hits_total", "Tokens answered from the verified-token cache");
        cacheMisses = counter("jwkgate_token_cache_misses_total", "Verified-token cache lookups that found no usable entry");
        cacheEvictions = counter("jwkgate_token_cache_evictions_total",
                "Verified-token cache entries pushed out to make room (token_cache_max_entries too small)");
        GaugeWithCallback.builder().name("jwkgate_token_cache_entries")
                .help("Entries in the verified-token caches").labelNames("issuer")
                .callback(callback -> cacheSizes.forEach((issuer, sizes) -> callback.call(entries(sizes), issuer)))
                .register(registry);
        fetches = Counter.builder().name("jwkgate_key_source_fetches_total")
                .help("JWKS fetches (with discovery) of remote key sources, by result")
                .labelNames("issuer", "result").withoutExemplars().register(registry);
        unknownKids = Counter.builder().name("jwkgate_key_source_unknown_kid_total")
                .help("Requests naming a kid the key set lacked: refreshed the set, joined a refresh under way, or "
                        + "throttled by unknown_kid_cooldown_seconds")
                .labelNames("issuer", "result").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("jwkgate_key_source_health")
                .help("Health of each remote key source: 1 for its current state, 0 for the others")
                .labelNames("issuer", "source", "state")
                .callback(callback -> distinct(sources.get()).forEach(status -> {
                    for (SourceHealth state : SourceHealth.values()) {
                        callback.call(status.health() == state ? 1 : 0, status.issuer(), status.location(), state.name());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("jwkgate_key_source_keys")
                .help("Keys in each remote key source's current set")
                .labelNames("issuer", "source")
                .callback(callback -> distinct(sources.get()).forEach(status ->
                        callback.call(status.keyCount(), status.issuer(), status.location())))
                .register(registry);
        GaugeWithCallback.builder().name("jwkgate_key_source_last_success_age_seconds")
                .help("Age of each remote key source's current set (since its last successful fetch); absent before the first")
                .labelNames("issuer", "source")
                .callback(callback -> distinct(sources.get()).forEach(status -> {
                    if (status.loadedAt() != null) {
                        callback.call(Duration.between(status.loadedAt(), clock.instant()).toMillis() / 1000.0,
                                status.issuer(), status.location());
                    }
                }))
                .register(registry);
    }

    /** Metrics with the gauges of the JVM-wide shared key sources. */
    public static PrometheusMetrics forSharedSources() {
        return new PrometheusMetrics(KeySourceRegistry.shared()::statuses, Clock.systemUTC());
    }

    private Counter counter(String name, String help) {
        return Counter.builder().name(name).help(help).labelNames("issuer").withoutExemplars().register(registry);
    }

    /** The content type of {@link #scrape}: Prometheus text format 0.0.4. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Writes every metric in the Prometheus text format. */
    public void scrape(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    @Override
    public ValidationMetrics validations(String issuer) {
        return byIssuer.computeIfAbsent(label(issuer), IssuerValidations::new);
    }

    @Override
    public TokenCacheMetrics tokenCache(String issuer, IntSupplier size) {
        String label = label(issuer);
        List<WeakReference<IntSupplier>> sizes = cacheSizes.computeIfAbsent(label, i -> new CopyOnWriteArrayList<>());
        sizes.removeIf(ref -> ref.get() == null);
        sizes.add(new WeakReference<>(size));
        CounterDataPoint hits = cacheHits.labelValues(label);
        CounterDataPoint misses = cacheMisses.labelValues(label);
        CounterDataPoint evictions = cacheEvictions.labelValues(label);
        return new TokenCacheMetrics() {
            @Override
            public void hit() {
                hits.inc();
            }

            @Override
            public void miss() {
                misses.inc();
            }

            @Override
            public void evicted(int entries) {
                evictions.inc(entries);
            }
        };
    }

    @Override
    public KeySourceMetrics keySource(String issuer) {
        String label = label(issuer);
        CounterDataPoint fetchedOk = fetches.labelValues(label, "success");
        CounterDataPoint fetchFailed = fetches.labelValues(label, "failure");
        CounterDataPoint refreshed = unknownKids.labelValues(label, "refreshed");
        CounterDataPoint joined = unknownKids.labelValues(label, "joined");
        CounterDataPoint throttled = unknownKids.labelValues(label, "throttled");
        return new KeySourceMetrics() {
            @Override
            public void fetched(boolean success) {
                (success ? fetchedOk : fetchFailed).inc();
            }

            @Override
            public void unknownKidRefreshed() {
                refreshed.inc();
            }

            @Override
            public void unknownKidJoinedRefresh() {
                joined.inc();
            }

            @Override
            public void unknownKidThrottled() {
                throttled.inc();
            }
        };
    }

    /** An issuer as a label value: a configuration without one (a static key set) is counted under "". */
    private static String label(String issuer) {
        return issuer == null ? "" : issuer;
    }

    private static double entries(List<WeakReference<IntSupplier>> sizes) {
        long total = 0;
        for (WeakReference<IntSupplier> ref : sizes) {
            IntSupplier size = ref.get();
            if (size != null) {
                total += size.getAsInt();
            }
        }
        return total;
    }

    /**
     * One status per label set: two shared sources of one issuer and URL (different fetch settings) would make
     * duplicate series, which Prometheus refuses; the first is shown.
     */
    private static List<SourceStatus> distinct(List<SourceStatus> statuses) {
        Set<List<String>> seen = new HashSet<>();
        return statuses.stream().filter(s -> seen.add(List.of(label(s.issuer()), s.location()))).toList();
    }

    /** One issuer's verdict counters, each resolved once, and its latency histogram. */
    private final class IssuerValidations implements ValidationMetrics {
        private final CounterDataPoint accepted;
        private final Map<ReasonCode, CounterDataPoint> refused = new EnumMap<>(ReasonCode.class);
        private final DistributionDataPoint duration;
        private final CounterDataPoint consumerNotFound;

        IssuerValidations(String issuer) {
            consumerNotFound = consumersNotFound.labelValues(issuer);
            accepted = validations.labelValues(issuer, "accepted", "none");
            for (ReasonCode reason : ReasonCode.values()) {
                refused.put(reason, validations.labelValues(issuer, "refused", reason.code()));
            }
            duration = latency.labelValues(issuer);
        }

        @Override
        public long start() {
            return System.nanoTime();
        }

        @Override
        public void accepted(long start) {
            accepted.inc();
            observe(start);
        }

        @Override
        public void acceptedFromCache() {
            accepted.inc();
        }

        @Override
        public void refused(ReasonCode reason, long start) {
            refused.get(reason).inc();
            observe(start);
        }

        @Override
        public void refused(ReasonCode reason) {
            refused.get(reason).inc();
        }

        @Override
        public void consumerNotFound() {
            consumerNotFound.inc();
        }

        private void observe(long start) {
            duration.observe((System.nanoTime() - start) / 1e9);
        }
    }
}
