package dev.jwkgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Runs operations in one thread in alternating blocks, the starting operation rotating each round, and records
 * the worker-thread CPU µs per operation of every block: what {@link RsaEngines} and {@link HmacStages} measure
 * (as {@link Interleaved} does for whole tokens). Ratios taken per round cancel load that other work puts on a
 * shared machine.
 */
final class InterleavedCpu {

    /** One measured operation. */
    @FunctionalInterface
    interface Operation {
        Object run() throws Exception;
    }

    private InterleavedCpu() {
    }

    /** CPU µs per run, {@code [operation][round]}, after {@code warmRounds} unrecorded rounds. */
    static double[][] measure(Operation[] ops, int warmRounds, int rounds, int block) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < warmRounds; warm++) {
            for (Operation op : ops) {
                for (int i = 0; i < block; i++) {
                    op.run();
                }
            }
        }
        int n = ops.length;
        double[][] cpu = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int step = 0; step < n; step++) {
                int k = (step + r) % n;
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < block; i++) {
                    ops[k].run();
                }
                cpu[k][r] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / block;
            }
        }
        return cpu;
    }
}
