package dev.jwkgate.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link WarmValidation} on one thread, then on two, and prints each figure against the floor of
 * the same thread count and the two-thread total against one thread.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.jwkgate.bench.Scaling [JMH options]}.
 */
public final class Scaling {

    private Scaling() {
    }

    /** The algorithm a {@code -p alg=...} option picked, RS256 otherwise. */
    private static String algorithm(Options options) {
        org.openjdk.jmh.util.Optional<java.util.Collection<String>> values = options.getParameter("alg");
        return values.hasValue() ? String.join(",", values.get()) : "RS256";
    }

    public static void main(String[] args) throws Exception {
        Options commandLine = new CommandLineOptions(args);
        Map<Integer, Map<String, double[]>> byThreads = new LinkedHashMap<>();
        for (int threads : new int[] {1, 2}) {
            Options options = new OptionsBuilder().parent(commandLine)
                    .include(WarmValidation.class.getName() + "\\.").threads(threads)
                    .addProfiler(CpuTimeProfiler.class).build();
            Collection<RunResult> results = new Runner(options).run();
            Map<String, double[]> scores = new LinkedHashMap<>();
            for (RunResult result : results) {
                String label = result.getParams().getBenchmark();
                label = label.substring(label.lastIndexOf('.') + 1);
                scores.put(label, new double[] {result.getPrimaryResult().getScore(),
                        result.getPrimaryResult().getScoreError(), SideBySide.bestIteration(result),
                        SideBySide.leastCpu(result)});
            }
            byThreads.put(threads, scores);
        }
        System.out.println();
        System.out.println("| " + algorithm(commandLine) + " | threads | ops/s (all threads) | ± 99.9% | × floor | best iteration | best × best floor"
                + " | 2 threads ÷ 1 thread (best) | CPU µs/op (least) | × floor by CPU |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        byThreads.forEach((threads, scores) -> {
            double[] floor = scores.get("floor");
            scores.forEach((label, s) -> {
                double[] one = byThreads.get(1).get(label);
                System.out.printf("| %s | %d | %,.0f | %,.0f | %.2f | %,.0f | %.2f | %s | %.2f | %.1f |%n", label, threads,
                        s[0], s[1], s[0] / floor[0], s[2], s[2] / floor[2],
                        threads == 1 ? "" : String.format("%.2f", s[2] / one[2]), s[3], floor[3] / s[3]);
            });
        });
    }
}
