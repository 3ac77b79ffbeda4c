package dev.jwkgate.bench;

import java.util.Arrays;

/** p50/p99/max of latencies in nanoseconds, printed in microseconds. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] nanos) {
        sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    double micros(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))] / 1e3;
    }

    int count() {
        return sorted.length;
    }

    @Override
    public String toString() {
        return String.format("n=%,d p50 %,.0f us, p99 %,.0f us, max %,.0f us", count(), micros(0.50), micros(0.99),
                micros(1.0));
    }
}
