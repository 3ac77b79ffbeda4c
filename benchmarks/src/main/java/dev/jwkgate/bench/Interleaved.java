package dev.jwkgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares contenders from different builds (e.g. jwkgate before and after a change) on one thread of one JVM,
 * in short alternating blocks, by worker-thread CPU time. On a shared machine two JMH runs minutes apart see
 * different neighbours; here every round measures each contender under the same load, and the per-round ratio to
 * the floor cancels what the neighbours add. Each build's benchmarks jar is loaded by its own class loader.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.jwkgate.bench.Interleaved ALG ROUNDS BLOCK NAME=CONTENDER@JAR...},
 * e.g. {@code RS256 150 500 floor=floor@old.jar before=jwkgate@old.jar after=jwkgate@new.jar}; one NAME must be
 * {@code floor}. Prints, per contender, the median over rounds of floor-CPU ÷ contender-CPU (its interquartile
 * range) and of contender-CPU − floor-CPU, then the least and median CPU µs/op.
 */
public final class Interleaved {

    private Interleaved() {
    }

    public static void main(String[] args) throws Exception {
        String alg = args[0];
        int rounds = Integer.parseInt(args[1]);
        int block = Integer.parseInt(args[2]);
        List<String> names = new ArrayList<>();
        List<Object> checks = new ArrayList<>();
        List<Method> methods = new ArrayList<>();
        String token = null;
        for (int i = 3; i < args.length; i++) {
            String name = args[i].substring(0, args[i].indexOf('='));
            String contender = args[i].substring(name.length() + 1, args[i].indexOf('@'));
            Path jar = Path.of(args[i].substring(args[i].indexOf('@') + 1));
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> contenders = loader.loadClass(Contender.class.getName());
            Class<?> fixtures = loader.loadClass(Fixture.class.getName());
            Object fixture = fixtures.getMethod("forAlgorithm", String.class).invoke(null, alg);
            token = (String) fixtures.getField("token").get(fixture);
            Object chosen = contenders.getMethod("byLabel", String.class).invoke(null, contender);
            names.add(name);
            checks.add(contenders.getMethod("createChecked", fixtures).invoke(chosen, fixture));
            methods.add(loader.loadClass(TokenCheck.class.getName()).getMethod("check", String.class));
        }
        int floor = names.indexOf("floor");
        if (floor < 0) {
            throw new IllegalArgumentException("one contender must be named floor");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = names.size();
        for (int warm = 0; warm < 6; warm++) {
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < block; i++) {
                    methods.get(k).invoke(checks.get(k), token);
                }
            }
        }
        double[][] cpu = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int step = 0; step < n; step++) {
                int k = (step + r) % n; // a different order each round, so no contender always runs after the same one
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < block; i++) {
                    methods.get(k).invoke(checks.get(k), token);
                }
                cpu[k][r] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / block;
            }
        }
        System.out.printf("%s, %d rounds x %d ops, worker-thread CPU%n", alg, rounds, block);
        System.out.println("| contender | × floor by CPU (median of rounds) | IQR | µs above floor (median) | least CPU µs/op"
                + " | median CPU µs/op |");
        System.out.println("|---|---:|---|---:|---:|---:|");
        for (int k = 0; k < n; k++) {
            double[] ratio = new double[rounds];
            double[] above = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = cpu[floor][r] / cpu[k][r];
                above[r] = cpu[k][r] - cpu[floor][r];
            }
            double[] own = cpu[k].clone();
            Arrays.sort(ratio);
            Arrays.sort(above);
            Arrays.sort(own);
            System.out.printf("| %s | %.3f | %.3f–%.3f | %.2f | %.2f | %.2f |%n", names.get(k), ratio[rounds / 2],
                    ratio[rounds / 4], ratio[3 * rounds / 4], above[rounds / 2], own[0], own[rounds / 2]);
        }
    }
}
