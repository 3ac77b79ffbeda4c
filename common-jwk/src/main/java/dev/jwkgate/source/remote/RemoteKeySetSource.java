package dev.jwkgate.source.remote;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.LogText;
import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeyRefusal;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.metrics.KeySourceMetrics;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.source.JwksParser;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.SourceEvents;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.SourceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cached remote key set: the request path reads a snapshot, the network is used in the background. Composed of
 * named parts, each with one job:
 *
 * <ul>
 *   <li>{@link KeySetCache}: the last good set and its expiry; <b>stale-if-error</b>: a failed fetch, or a set
 *       that is refused or has no usable key, never replaces a good set, which keeps serving (STALE) up to
 *       {@code max_stale_seconds} past its expiry, then the source is UNAVAILABLE.</li>
 *   <li>{@link RefreshSchedule}: <b>refresh ahead</b> at 75–85 % of the TTL, and backoff after failures.</li>
 *   <li>{@link SingleFlight}: at most one fetch per source in flight; first-load callers, the timer and
 *       unknown-kid refreshes all join it.</li>
 *   <li>{@link UnknownKidRefresh}: one unknown-kid refresh per cooldown. Requests with an unknown kid that arrive
 *       while that refresh runs join it within the claiming request's wait window (no extra fetch), so a rotation
 *       storm refuses nothing; outside that window every other unknown kid in the cooldown is answered at once
 *       from the current set, so a slow identity provider never makes forged kids wait. A kid the refresh did not
 *       bring is remembered for the cooldown and never claims the next refresh.</li>
 *   <li>{@link HealthTracker}: stale, unavailable and recovered are reported once each.</li>
 * </ul>
 *
 * <p><b>Bounded request waits</b>: only a first load or a permitted unknown-kid refresh makes a request wait, at
 * most {@code first_load_wait_ms}; the fetch itself carries on in the background. A source that never loaded
 * fails its requests fast (no wait, no fetch) until its next retry is due.
 *
 * <p>Thread-safe. Time comes from the injected clock only; timer and fetch threads are injectable too.
 */
public final class RemoteKeySetSource implements KeySetSource {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteKeySetSource.class);

    private final String issuer;
    private final KeySetLoader loader;
    private final Duration firstLoadWait;
    private final Clock clock;
    private final SourceEvents events;
    private final KeySetCache cache;
    private final RefreshSchedule schedule;
    private final SingleFlight flight;
    private final UnknownKidRefresh unknownKids;
    private final HealthTracker health;
    private final KeySourceMetrics metrics;
    private final Runnable onClose;
    private volatile boolean closed;

    private RemoteKeySetSource(Builder b) {
        this.issuer = b.issuer;
        this.loader = b.loader;
        this.firstLoadWait = b.settings.firstLoadWait();
        this.clock = b.clock;
        this.events = new SourceEvents(b.audit, b.clock, b.loader::location);
        this.cache = new KeySetCache(b.settings.maxStale());
        this.schedule = new RefreshSchedule(b.scheduler, this::refresh, b.settings.unknownKidCooldown(), b.jitter);
        this.flight = new SingleFlight(b.fetchExecutor);
        this.unknownKids = new UnknownKidRefresh(b.settings.unknownKidCooldown(), b.settings.firstLoadWait());
        this.health = new HealthTracker(events);
        this.metrics = b.metrics != null ? b.metrics : MetricsRecorder.NONE.keySource(b.issuer);
        this.onClose = b.onClose;
    }

    public static Builder builder(String issuer, KeySetLoader loader) {
        return new Builder(issuer, loader);
    }

    /** A builder for the source {@code settings} describe, with their cache settings and {@code clock}. */
    public static Builder builder(RemoteSourceSettings settings, JwksParser parser, Clock clock) {
        return new Builder(settings.issuer(), settings.loader(parser, clock)).settings(settings.cache()).clock(clock);
    }

    /** Starts the first load in the background, so the first request most likely finds keys ready. */
    public RemoteKeySetSource start() {
        refresh();
        return this;
    }

    /**
     * Starts a fetch, or joins the one in flight. The future completes when it ended, successfully or not;
     * never fails. Used by the timer; adapters may call it for an operator's "refresh now".
     */
    public CompletableFuture<Void> refresh() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        return flight.run(this::load);
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public String location() {
        return loader.location();
    }

    @Override
    public KeySet current() throws KeysUnavailableException {
        KeySetCache.Snapshot s = cache.snapshot();
        return s != null ? usable(s) : awaitFirstLoad();
    }

    @Override
    public KeySet refreshForUnknownKid(String kid) throws KeysUnavailableException {
        KeySetCache.Snapshot s = cache.snapshot();
        if (s == null) {
            return awaitFirstLoad();
        }
        KeySet keys = usable(s);
        if (keys.hasKeyId(kid)) {
            return keys; // another request's refresh already brought it
        }
        Instant now = clock.instant();
        if (unknownKids.isKnownUnknown(kid, now)) {
            metrics.unknownKidThrottled();
            return keys;
        }
        if (!unknownKids.tryClaimRefresh(now)) {
            KeySet joined = joinRefreshInFlight(kid);
            if (joined != null) {
                metrics.unknownKidJoinedRefresh();
                return joined;
            }
            // the refresh of this cooldown is spent: answer at once, so a flood of forged kids ties up no threads
            metrics.unknownKidThrottled();
            if (unknownKids.remember(kid, now, false)) {
                events.unknownKid(kid, false);
            }
            return keys;
        }
        metrics.unknownKidRefreshed();
        awaitBounded(refresh());
        KeySet latest = usable(cache.snapshot());
        if (!latest.hasKeyId(kid) && unknownKids.remember(kid, clock.instant(), true)) {
            events.unknownKid(kid, true);
        }
        return latest;
    }

    /**
     * While the cooldown's refresh runs, requests carrying a freshly rotated kid wait for it rather than fail, so
     * a rotation storm costs one fetch and no refused token. They wait only inside the window the claiming
     * request waits in: once that has passed (a slow identity provider), unknown kids are answered at once, so
     * a flood of forged kids never holds threads.
     *
     * @return the refreshed set when it has {@code kid}, else null
     */
    private KeySet joinRefreshInFlight(String kid) throws KeysUnavailableException {
        CompletableFuture<Void> inFlight = flight.running();
        long remaining = unknownKids.joinNanosLeft();
        if (inFlight == null || remaining <= 0) {
            // the refresh may have finished since this request read the set: look at the newest one
            KeySet newest = usable(cache.snapshot());
            return newest.hasKeyId(kid) ? newest : null;
        }
        try {
            inFlight.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeysUnavailableException("interrupted while waiting for keys from " + location());
        } catch (ExecutionException e) {
            throw new IllegalStateException("loads never fail their future", e);
        }
        KeySet latest = usable(cache.snapshot());
        return latest.hasKeyId(kid) ? latest : null;
    }

    @Override
    public SourceHealth health() {
        return cache.health(clock.instant());
    }

    /** A snapshot for status pages. */
    public SourceStatus status() {
        KeySetCache.Snapshot s = cache.snapshot();
        KeySetCache.Failure f = cache.failure();
        return new SourceStatus(issuer, location(), health(), s == null ? 0 : s.keys().size(),
                s == null ? null : s.keys().loadedAt(), s == null ? null : s.expiresAt(), f == null ? null : f.why());
    }

    @Override
    public void close() {
        closed = true;
        schedule.close();
        onClose.run();
    }

    @Override
    public String toString() {
        return "RemoteKeySetSource[" + issuer + " from " + location() + ", " + health() + "]";
    }

    // ---- request path ----

    private KeySet usable(KeySetCache.Snapshot s) throws KeysUnavailableException {
        if (cache.isUsable(s, clock.instant())) {
            return s.keys();
        }
        KeySetCache.Failure f = cache.failure();
        String why = "the last key set from " + location() + " expired at " + s.expiresAt()
                + " and is older than max_stale_seconds (" + cache.maxStale().toSeconds() + ")"
                + (f == null ? "" : "; last fetch failed: " + f.why());
        health.unavailable(why);
        throw new KeysUnavailableException(why);
    }

    private KeySet awaitFirstLoad() throws KeysUnavailableException {
        if (closed) {
            throw new KeysUnavailableException("the key source for " + location() + " is closed");
        }
        KeySetCache.Failure before = cache.failure();
        CompletableFuture<Void> load = flight.running();
        if (load == null) {
            if (before != null && clock.instant().isBefore(before.retryAt())) {
                // the last attempt failed moments ago: failing fast spares the request and the identity provider
                throw new KeysUnavailableException("no key set from " + location() + " yet; the last fetch failed: " + before.why());
            }
            load = refresh();
        }
        awaitBounded(load);
        KeySetCache.Snapshot s = cache.snapshot();
        if (s != null) {
            return usable(s);
        }
        KeySetCache.Failure after = cache.failure();
        if (after != null && after != before) {
            throw new KeysUnavailableException("no key set from " + location() + ": " + after.why());
        }
        throw new KeysUnavailableException("no key set from " + location() + " within "
                + firstLoadWait.toMillis() + " ms");
    }

    private void awaitBounded(CompletableFuture<Void> load) throws KeysUnavailableException {
        try {
            load.get(firstLoadWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the fetch goes on in the background; this request answers with what there is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeysUnavailableException("interrupted while waiting for keys from " + location());
        } catch (ExecutionException e) {
            throw new IllegalStateException("loads never fail their future", e);
        }
    }

    // ---- background path ----

    private void load() {
        if (closed) {
            return;
        }
        try {
            succeeded(loader.load());
        } catch (LoadException e) {
            failed(e.getMessage(), e.refusals());
        } catch (RuntimeException | Error e) {
            // a bug or a broken class path in a plugin host must not end the refresh chain: record, retry later
            LOG.warn("unexpected error loading keys from {}", location(), e);
            failed("unexpected error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + LogText.escape(e.getMessage(), 300)), List.of());
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
        }
    }

    private void succeeded(LoadedKeySet loaded) {
        IngestedKeySet ingested = loaded.ingested();
        KeySetCache.Snapshot previous = cache.store(ingested, loaded.ttl(), clock.instant());
        metrics.fetched(true);
        events.loaded(previous == null ? null : previous.keys(), previous == null ? null : previous.refusals(),
                ingested.keys(), ingested.refusals());
        health.loaded();
        schedule.next(schedule.refreshAhead(loaded.ttl()));
    }

    private void failed(String why, List<KeyRefusal> refusals) {
        Instant now = clock.instant();
        KeySetCache.Snapshot s = cache.snapshot();
        Duration retry = schedule.retryAfter(s == null ? null : s.expiresAt(), now, cache.attemptsWithOneMore());
        KeySetCache.Failure current = cache.recordFailure(why, now, retry);
        metrics.fetched(false);
        events.fetchFailed(why);
        events.refused(refusals);
        if (s == null) {
            health.unavailable("no key set loaded yet: " + why);
        } else if (cache.isUsable(s, now)) {
            health.stale(current.since());
        } else {
            health.unavailable("the last key set expired at " + s.expiresAt() + ", more than max_stale_seconds ago: "
                    + why);
        }
        schedule.next(retry);
    }

    /** Assembles a source and refuses incomplete settings. */
    public static final class Builder {
        private final String issuer;
        private final KeySetLoader loader;
        private CacheSettings settings;
        private Clock clock = Clock.systemUTC();
        private AuditListener audit = AuditListener.NONE;
        private RefreshScheduler scheduler = BackgroundThreads.scheduler();
        private Executor fetchExecutor = BackgroundThreads.fetchExecutor();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private Runnable onClose = () -> { };
        private KeySourceMetrics metrics;

        private Builder(String issuer, KeySetLoader loader) {
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("a key source needs the issuer its keys belong to");
            }
            this.issuer = issuer;
            this.loader = Objects.requireNonNull(loader, "loader");
        }

        public Builder settings(CacheSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder audit(AuditListener audit) {
            this.audit = Objects.requireNonNull(audit);
            return this;
        }

        public Builder scheduler(RefreshScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler);
            return this;
        }

        /** Where fetches run; a request thread never does. */
        public Builder fetchExecutor(Executor executor) {
            this.fetchExecutor = Objects.requireNonNull(executor);
            return this;
        }

        /** Source of jitter in [0, 1) for the refresh-ahead point. */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter);
            return this;
        }

        /** Where the source counts its fetches and unknown-kid refreshes; nowhere by default. */
        public Builder metrics(KeySourceMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /** Called once when the source is closed (the registry forgets it). */
        public Builder onClose(Runnable onClose) {
            this.onClose = Objects.requireNonNull(onClose);
            return this;
        }

        public RemoteKeySetSource build() {
            if (settings == null) {
                throw new IllegalStateException("cache settings are required");
            }
            return new RemoteKeySetSource(this);
        }
    }
}
