package dev.jwkgate.it.gateways.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CPU time (user + system) of a process tree from {@code /proc}, split into the Java process and the rest. */
record ProcessCpu(long gatewayTicks, long javaTicks) {

    /** Linux reports CPU times in clock ticks of 1/100 s ({@code USER_HZ}). */
    static final long TICKS_PER_SECOND = 100;

    /** The tree's CPU so far: the master and every descendant; a process whose command is java counts as Java. */
    static ProcessCpu of(ProcessHandle master) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(master);
        master.descendants().forEach(tree::add);
        long gateway = 0;
        long java = 0;
        for (ProcessHandle process : tree) {
            long ticks = ticks(process.pid());
            if (process.info().command().map(c -> c.endsWith("/java")).orElse(false)) {
                java += ticks;
            } else {
                gateway += ticks;
            }
        }
        return new ProcessCpu(gateway, java);
    }

    ProcessCpu minus(ProcessCpu before) {
        return new ProcessCpu(gatewayTicks - before.gatewayTicks, javaTicks - before.javaTicks);
    }

    /** Microseconds of CPU per request. */
    static double microsPerRequest(long ticks, long requests) {
        return requests == 0 ? 0 : ticks * 1_000_000.0 / TICKS_PER_SECOND / requests;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command (which may hold spaces) start after the last ')'; utime and stime are 14 and 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
