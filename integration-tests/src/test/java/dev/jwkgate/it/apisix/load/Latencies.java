package dev.jwkgate.it.apisix.load;

import java.util.Arrays;

/** Request latencies of one measured round, for throughput and percentiles. */
final class Latencies {

    private long[] nanos = new long[1 << 14];
    private int count;

    void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** The latency below which {@code fraction} of the requests finished, in microseconds. */
    double percentileMicros(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(fraction * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000.0;
    }
}
