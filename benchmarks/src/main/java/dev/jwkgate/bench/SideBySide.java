package dev.jwkgate.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ColdValidation} for every supported (algorithm, contender) pair in one run and prints
 * each contender's throughput as a ratio of the JCA floor measured in the same run. For EdDSA the contender
 * {@code floor-fast} is the raw Ed25519 check jwkgate uses instead of the JCA's, so jwkgate's own overhead shows.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.jwkgate.bench.SideBySide [algs] [JMH options]},
 * e.g. {@code RS256,ES256 -wi 10 -w 3s}. The machine is noisy: read the ratios, not the absolute figures.
 */
public final class SideBySide {

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        List<String> algs = List.of("RS256", "PS256", "ES256", "EdDSA");
        String[] jmhArgs = args;
        if (args.length > 0 && !args[0].startsWith("-")) {
            algs = Arrays.asList(args[0].split(","));
            jmhArgs = Arrays.copyOfRange(args, 1, args.length);
        }
        Options commandLine = new CommandLineOptions(jmhArgs);
        Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
        for (String alg : algs) {
            List<String> contenders = new ArrayList<>();
            for (Contender c : Contender.values()) {
                if (c.supports(alg)) {
                    contenders.add(c.label());
                }
            }
            Options options = new OptionsBuilder().parent(commandLine)
                    .include(ColdValidation.class.getName() + ".validate")
                    .addProfiler(CpuTimeProfiler.class)
                    .param("alg", alg)
                    .param("contender", contenders.toArray(new String[0]))
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            Map<String, double[]> byContender = new LinkedHashMap<>();
            for (RunResult result : results) {
                String contender = result.getParams().getParam("contender");
                byContender.put(contender, new double[] {result.getPrimaryResult().getScore(),
                        result.getPrimaryResult().getScoreError(), bestIteration(result), leastCpu(result)});
            }
            scores.put(alg, byContender);
        }
        System.out.println();
        System.out.println("| alg | contender | ops/s | ± 99.9% | × floor | best iteration | best × best floor"
                + " | CPU µs/op (least) | × floor by CPU |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        scores.forEach((alg, byContender) -> {
            double[] floor = byContender.getOrDefault("floor", new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
            byContender.forEach((contender, score) -> System.out.printf(
                    "| %s | %s | %,.0f | %,.0f | %.2f | %,.0f | %.2f | %.1f | %.2f |%n", alg, contender, score[0], score[1],
                    score[0] / floor[0], score[2], score[2] / floor[2], score[3], floor[3] / score[3]));
        });
        // floor-fast is the raw verify jwkgate itself uses (EdDSA): the gap to it is jwkgate's own overhead
        scores.forEach((alg, byContender) -> {
            double[] fast = byContender.get("floor-fast");
            double[] jwkgate = byContender.get("jwkgate");
            if (fast != null && jwkgate != null) {
                System.out.printf("%s: jwkgate = %.2f x floor-fast by CPU (%.1f vs %.1f CPU us/op, overhead %.1f us)%n", alg,
                        fast[3] / jwkgate[3], jwkgate[3], fast[3], jwkgate[3] - fast[3]);
            }
        });
    }

    /**
     * The fastest measurement iteration: neighbours on a shared machine only ever slow an iteration down,
     * so the best one is the figure that reproduces (the JMH mean is printed beside it).
     */
    /** The least CPU time per operation over the measurement iterations ({@link CpuTimeProfiler}). */
    static double leastCpu(RunResult result) {
        double least = Double.NaN;
        for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                Result<?> cpu = iteration.getSecondaryResults().get("cpu.us/op");
                if (cpu != null && !(cpu.getScore() >= least)) {
                    least = cpu.getScore();
                }
            }
        }
        return least;
    }

    static double bestIteration(RunResult result) {
        double best = 0;
        for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                best = Math.max(best, iteration.getPrimaryResult().getScore());
            }
        }
        return best;
    }
}
