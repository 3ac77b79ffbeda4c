package dev.jwkgate.bench;

import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.remote.CacheSettings;
import dev.jwkgate.source.remote.KeySetLoader;
import dev.jwkgate.source.remote.LoadedKeySet;
import dev.jwkgate.source.remote.RemoteKeySetSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one forged kid at a remote key source whose cooldown's refresh is spent and whose memory of unknown
 * kids is full (10,000 kids seen in this cooldown): the answer must stay a constant few microseconds however many
 * kids came before. The clock stands still, so nothing in the memory expires; the loader never touches a network.
 * {@code new_kid}: every call brings a kid never seen; {@code repeated_kid}: one kid again and again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class UnknownKidFlood {

    /** More kids than any memory of unknown kids holds, so it is full when measuring starts. */
    private static final int FLOOD = 20_000;

    @Param({"new_kid", "repeated_kid"})
    public String kid;

    private RemoteKeySetSource source;
    private long next;

    @Setup
    public void setUp() throws KeysUnavailableException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        source = RemoteKeySetSource.builder("https://issuer.example", new StaticLoader(clock))
                .settings(new CacheSettings(Duration.ofSeconds(30), Duration.ofSeconds(300), Duration.ofSeconds(1)))
                .clock(clock).fetchExecutor(Runnable::run).scheduler((task, delay) -> () -> { })
                .build();
        source.current();
        for (int i = 0; i < FLOOD; i++) {
            source.refreshForUnknownKid("flood-" + i);
        }
    }

    @TearDown
    public void tearDown() {
        source.close();
    }

    @Benchmark
    public KeySet forgedKid() throws KeysUnavailableException {
        return source.refreshForUnknownKid(kid.equals("new_kid") ? "forged-" + next++ : "forged");
    }

    /** One empty set with an hour's TTL, at once. */
    private static final class StaticLoader implements KeySetLoader {
        private final Clock clock;

        StaticLoader(Clock clock) {
            this.clock = clock;
        }

        @Override
        public LoadedKeySet load() {
            return new LoadedKeySet(new IngestedKeySet(KeySet.empty(clock.instant()), List.of()), Duration.ofHours(1));
        }

        @Override
        public String location() {
            return "static";
        }
    }
}
