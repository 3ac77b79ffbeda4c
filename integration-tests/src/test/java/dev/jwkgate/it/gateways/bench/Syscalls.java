package dev.jwkgate.it.gateways.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * System calls made by processes while a load runs, counted by {@code strace -c} (attached for the run, detached
 * after): where a request's time goes besides user code. strace slows what it traces, so these runs give counts,
 * never rates.
 */
final class Syscalls {

    /** One system call and how often it was made. */
    record Count(String name, long calls) {
    }

    private final Process strace;
    private final Path output;

    private Syscalls(Process strace, Path output) {
        this.strace = strace;
        this.output = output;
    }

    /** Attaches to these processes and all their threads. */
    static Syscalls attach(List<ProcessHandle> processes, Path output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("strace", "-c", "-f", "-qq", "-o", output.toString()));
        for (ProcessHandle p : processes) {
            command.add("-p");
            command.add(Long.toString(p.pid()));
        }
        Process strace = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(500); // attached before the load starts
        return new Syscalls(strace, output);
    }

    /** Detaches and returns the counts, most frequent first. */
    List<Count> detach() throws IOException, InterruptedException {
        strace.destroy(); // SIGTERM: strace detaches and writes its summary
        if (!strace.waitFor(30, TimeUnit.SECONDS)) {
            strace.destroyForcibly();
        }
        List<Count> counts = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            String[] f = line.trim().split("\\s+");
            // rows: % time, seconds, usecs/call, calls, [errors,] syscall
            if (f.length >= 5 && f[0].matches("[\\d.]+") && f[3].matches("\\d+") && !f[f.length - 1].equals("total")) {
                counts.add(new Count(f[f.length - 1], Long.parseLong(f[3])));
            }
        }
        counts.sort(Comparator.comparingLong(Count::calls).reversed());
        return counts;
    }
}
