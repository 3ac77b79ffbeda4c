package dev.jwkgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the benchmark threads spent per operation, and the share of the iteration's wall time they were
 * actually on a CPU. On a shared machine neighbours steal wall time, which throughput counts and CPU time does
 * not, so {@code cpu.us/op} is the steadier figure; a {@code cpu.share} well below 1 marks a disturbed iteration.
 * Use with {@code -prof dev.jwkgate.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuAtStart = new HashMap<>();
    private long wallAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the JMH worker threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart.clear();
        for (Thread t : workers()) {
            cpuAtStart.put(t.getId(), THREADS.getThreadCpuTime(t.getId()));
        }
        wallAtStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long wall = System.nanoTime() - wallAtStart;
        long cpu = 0;
        for (Thread t : workers()) {
            // a worker created during the iteration started from zero
            cpu += THREADS.getThreadCpuTime(t.getId()) - cpuAtStart.getOrDefault(t.getId(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        int threads = benchmarkParams.getThreads();
        return List.of(
                new ScalarResult("cpu.us/op", cpu / 1e3 / Math.max(1, ops), "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", cpu / (double) wall / threads, "", AggregationPolicy.AVG));
    }

    private static List<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("jmh-worker")).toList();
    }
}
