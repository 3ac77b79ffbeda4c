package dev.jwkgate.source.remote;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeyRefusal;
import dev.jwkgate.keys.KeySet;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cached remote key set: the request path reads a snapshot, the network is used in the background.
 *
 * <ul>
 *   <li><b>Refresh ahead</b>: the next fetch is scheduled at 75–85 % of the TTL (jitter spreads a fleet's
 *       fetches), so a rotation is picked up before the old set expires and no request waits for it.</li>
 *   <li><b>Single-flight</b>: at most one fetch per source is in flight; first-load callers, the timer and
 *       unknown-kid refreshes all join it.</li>
 *   <li><b>Bounded request waits</b>: only a first load or a permitted unknown-kid refresh makes a request
 *       wait, at most {@code first_load_wait_ms}; the fetch itself carries on in the background.</li>
 *   <li><b>Unknown kids</b>: one refresh per cooldown. Requests with an unknown kid that arrive while that
 *       refresh runs join it within the claiming request's wait window (no extra fetch), so a rotation storm
 *       refuses nothing; outside that window every other unknown kid in the cooldown is answered at once from
 *       the current set, so a slow identity provider never makes forged kids wait. A kid the
 *       refresh did not bring is remembered for the cooldown and never claims the next refresh, which stays
 *       free for a kid not yet checked, such as a freshly rotated key.</li>
 *   <li><b>Stale-if-error</b>: a failed fetch, or a set that is refused or has no usable key, never
 *       replaces a good set; it is served STALE up to {@code max_stale_seconds} past its expiry, then the
 *       source is UNAVAILABLE. Failed fetches are retried after min(cooldown, remaining TTL), at least 1 s;
 *       a source that never loaded retries after 1, 2, 4… s up to the cooldown, and its requests fail fast
 *       (no wait, no fetch) in between.</li>
 * </ul>
 *
 * <p>Thread-safe. Time comes from the injected clock only; timer and fetch threads are injectable too.
 */
public final class RemoteKeySetSource implements KeySetSource {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteKeySetSource.class);
    private static final Duration MIN_DELAY = Duration.ofSeconds(1);

    private final String issuer;
    private final KeySetLoader loader;
    private final CacheSettings settings;
    private final Clock clock;
    private final SourceEvents events;
    private final RefreshScheduler scheduler;
    private final SingleFlight flight;
    private final UnknownKidGate unknownKids;
    private final DoubleSupplier jitter;
    private final Runnable onClose;

    private volatile Cached cached;
    private volatile Failure failure;
    private volatile boolean closed;
    /** System.nanoTime() until which requests may join the unknown-kid refresh in flight. */
    private volatile long joinDeadlineNanos;
    private final AtomicBoolean staleReported = new AtomicBoolean();
    private final AtomicBoolean unavailableReported = new AtomicBoolean();
    private final Object scheduleLock = new Object();
    private RefreshScheduler.Cancellable nextRefresh; // guarded by scheduleLock

    /** The last good set and its freshness. */
    private record Cached(KeySet keys, List<KeyRefusal> refusals, Instant expiresAt) {
    }

    /** Fetches are failing: since when, why the last one failed, how many in a row, and when to try again. */
    private record Failure(String why, Instant since, int attempts, Instant retryAt) {
    }

    private RemoteKeySetSource(Builder b) {
        this.issuer = b.issuer;
        this.loader = b.loader;
        this.settings = b.settings;
        this.clock = b.clock;
        this.events = new SourceEvents(b.audit, b.clock, b.loader::location);
        this.scheduler = b.scheduler;
        this.flight = new SingleFlight(b.fetchExecutor);
        this.unknownKids = new UnknownKidGate(b.settings.unknownKidCooldown());
        this.jitter = b.jitter;
        this.onClose = b.onClose;
    }

    public static Builder builder(String issuer, KeySetLoader loader) {
        return new Builder(issuer, loader);
    }

    /** A builder with the loader and cache settings the configuration names (jwks_uri or discovery). */
    public static Builder builder(JwkGateConfig config, JwksParser parser, Clock clock) {
        return new Builder(config.issuer(), RemoteLoaders.forConfig(config, parser, clock))
                .settings(CacheSettings.from(config))
                .clock(clock);
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
        Cached c = cached;
        return c != null ? usable(c) : awaitFirstLoad();
    }

    @Override
    public KeySet refreshForUnknownKid(String kid) throws KeysUnavailableException {
        Cached c = cached;
        if (c == null) {
            return awaitFirstLoad();
        }
        KeySet keys = usable(c);
        if (keys.hasKeyId(kid)) {
            return keys; // another request's refresh already brought it
        }
        Instant now = clock.instant();
        if (unknownKids.isKnownUnknown(kid, now)) {
            return keys;
        }
        if (!unknownKids.tryClaimRefresh(now)) {
            KeySet joined = joinRefreshInFlight(kid);
            if (joined != null) {
                return joined;
            }
            // the refresh of this cooldown is spent: answer at once, so a flood of forged kids ties up no threads
            if (unknownKids.remember(kid, now, false)) {
                events.unknownKid(kid, false);
            }
            return keys;
        }
        joinDeadlineNanos = System.nanoTime() + settings.firstLoadWait().toNanos();
        awaitBounded(refresh());
        KeySet latest = usable(cached);
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
        long remaining = joinDeadlineNanos - System.nanoTime();
        if (inFlight == null || remaining <= 0) {
            // the refresh may have finished since this request read the set: look at the newest one
            KeySet newest = usable(cached);
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
        KeySet latest = usable(cached);
        return latest.hasKeyId(kid) ? latest : null;
    }

    @Override
    public SourceHealth health() {
        Cached c = cached;
        Instant now = clock.instant();
        if (c == null || !isUsable(c, now)) {
            return SourceHealth.UNAVAILABLE;
        }
        return failure != null || !now.isBefore(c.expiresAt()) ? SourceHealth.STALE : SourceHealth.HEALTHY;
    }

    /** A snapshot for status pages. */
    public SourceStatus status() {
        Cached c = cached;
        Failure f = failure;
        return new SourceStatus(issuer, location(), health(), c == null ? 0 : c.keys().size(),
                c == null ? null : c.keys().loadedAt(), c == null ? null : c.expiresAt(), f == null ? null : f.why());
    }

    @Override
    public void close() {
        closed = true;
        synchronized (scheduleLock) {
            if (nextRefresh != null) {
                nextRefresh.cancel();
                nextRefresh = null;
            }
        }
        onClose.run();
    }

    @Override
    public String toString() {
        return "RemoteKeySetSource[" + issuer + " from " + location() + ", " + health() + "]";
    }

    // ---- request path ----

    private KeySet usable(Cached c) throws KeysUnavailableException {
        if (isUsable(c, clock.instant())) {
            return c.keys();
        }
        Failure f = failure;
        String why = "the last key set from " + location() + " expired at " + c.expiresAt()
                + " and is older than max_stale_seconds (" + settings.maxStale().toSeconds() + ")"
                + (f == null ? "" : "; last fetch failed: " + f.why());
        reportUnavailable(why);
        throw new KeysUnavailableException(why);
    }

    private boolean isUsable(Cached c, Instant now) {
        return now.isBefore(c.expiresAt().plus(settings.maxStale()));
    }

    private KeySet awaitFirstLoad() throws KeysUnavailableException {
        if (closed) {
            throw new KeysUnavailableException("the key source for " + location() + " is closed");
        }
        Failure before = failure;
        CompletableFuture<Void> load = flight.running();
        if (load == null) {
            if (before != null && clock.instant().isBefore(before.retryAt())) {
                // the last attempt failed moments ago: failing fast spares the request and the identity provider
                throw new KeysUnavailableException("no key set from " + location() + " yet; the last fetch failed: " + before.why());
            }
            load = refresh();
        }
        awaitBounded(load);
        Cached c = cached;
        if (c != null) {
            return usable(c);
        }
        Failure after = failure;
        if (after != null && after != before) {
            throw new KeysUnavailableException("no key set from " + location() + ": " + after.why());
        }
        throw new KeysUnavailableException("no key set from " + location() + " within "
                + settings.firstLoadWait().toMillis() + " ms");
    }

    private void awaitBounded(CompletableFuture<Void> load) throws KeysUnavailableException {
        try {
            load.get(settings.firstLoadWait().toMillis(), TimeUnit.MILLISECONDS);
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
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), List.of());
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
        }
    }

    private void succeeded(LoadedKeySet loaded) {
        Instant now = clock.instant();
        IngestedKeySet ingested = loaded.ingested();
        Cached previous = cached;
        cached = new Cached(ingested.keys(), ingested.refusals(), now.plus(loaded.ttl()));
        failure = null;
        events.loaded(previous == null ? null : previous.keys(), previous == null ? null : previous.refusals(),
                ingested.keys(), ingested.refusals());
        boolean wasReported = staleReported.getAndSet(false);
        wasReported |= unavailableReported.getAndSet(false);
        if (wasReported) {
            events.recovered();
        }
        scheduleNext(refreshDelay(loaded.ttl()));
    }

    private void failed(String why, List<KeyRefusal> refusals) {
        Instant now = clock.instant();
        Failure previous = failure;
        int attempts = previous == null ? 1 : previous.attempts() + 1;
        Cached c = cached;
        Duration retry = retryDelay(c, now, attempts);
        Failure current = new Failure(why, previous == null ? now : previous.since(), attempts, now.plus(retry));
        failure = current;
        events.fetchFailed(why);
        events.refused(refusals);
        if (c == null) {
            reportUnavailable("no key set loaded yet: " + why);
        } else if (isUsable(c, now)) {
            if (!staleReported.getAndSet(true)) {
                events.stale(current.since());
            }
        } else {
            reportUnavailable("the last key set expired at " + c.expiresAt() + ", more than max_stale_seconds ago: " + why);
        }
        scheduleNext(retry);
    }

    private void reportUnavailable(String why) {
        if (!unavailableReported.getAndSet(true)) {
            events.unavailable(why);
        }
    }

    private Duration refreshDelay(Duration ttl) {
        long millis = (long) (ttl.toMillis() * (0.75 + 0.10 * jitter.getAsDouble()));
        return Duration.ofMillis(Math.max(millis, Math.min(MIN_DELAY.toMillis(), ttl.toMillis())));
    }

    /**
     * Never loaded: 1 s, doubling per failure up to the cooldown, so a gateway that started before its
     * identity provider gets keys within seconds of it coming up. Loaded: min(cooldown, remaining TTL), so a
     * failing refresh-ahead is retried before the set expires; expired: the cooldown.
     */
    private Duration retryDelay(Cached c, Instant now, int attempts) {
        Duration delay = settings.unknownKidCooldown();
        if (c == null) {
            Duration doubling = MIN_DELAY.multipliedBy(1L << Math.min(attempts - 1, 20));
            delay = doubling.compareTo(delay) < 0 ? doubling : delay;
        } else if (now.isBefore(c.expiresAt())) {
            Duration remaining = Duration.between(now, c.expiresAt());
            delay = remaining.compareTo(delay) < 0 ? remaining : delay;
        }
        return delay.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : delay;
    }

    private void scheduleNext(Duration delay) {
        synchronized (scheduleLock) {
            if (closed) {
                return;
            }
            if (nextRefresh != null) {
                nextRefresh.cancel();
            }
            nextRefresh = scheduler.schedule(this::refresh, delay);
        }
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
