package dev.jwkgate.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ColdValidation} for every supported (algorithm, contender) pair in one run and prints
 * each contender's throughput as a ratio of the JCA floor measured in the same run.
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
                    .param("alg", alg)
                    .param("contender", contenders.toArray(new String[0]))
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            Map<String, double[]> byContender = new LinkedHashMap<>();
            for (RunResult result : results) {
                String contender = result.getParams().getParam("contender");
                byContender.put(contender, new double[] {
                        result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
            }
            scores.put(alg, byContender);
        }
        System.out.println();
        System.out.println("| alg | contender | ops/s | ± 99.9% | × floor |");
        System.out.println("|---|---|---:|---:|---:|");
        scores.forEach((alg, byContender) -> {
            double floor = byContender.getOrDefault("floor", new double[] {Double.NaN})[0];
            byContender.forEach((contender, score) -> System.out.printf("| %s | %s | %,.0f | %,.0f | %.2f |%n",
                    alg, contender, score[0], score[1], score[0] / floor));
        });
    }
}
