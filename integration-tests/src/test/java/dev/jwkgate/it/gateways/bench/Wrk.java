package dev.jwkgate.it.gateways.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of Debian's {@code wrk}: one thread, N keep-alive connections, each request with the next token of a file
 * (a file of one token repeats it), latency percentiles from {@code --latency}.
 */
final class Wrk {

    /** What wrk reported for one run. */
    record Result(long requests, double seconds, double p50Micros, double p99Micros, long notOk, String output) {
        double rate() {
            return requests / seconds;
        }
    }

    private static final String SCRIPT = """
            local tokens = {}
            for line in io.lines(os.getenv("WRK_TOKENS")) do tokens[#tokens + 1] = line end
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. tokens[(i %% #tokens) + 1]})
            end
            """.formatted();

    private Wrk() {
    }

    static Result run(String url, Path tokens, int connections, int seconds, Path workDir) throws IOException, InterruptedException {
        Path script = workDir.resolve("tokens.lua");
        Files.writeString(script, SCRIPT);
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency",
                "--timeout", "10s", "-s", script.toString(), url).redirectErrorStream(true);
        builder.environment().put("WRK_TOKENS", tokens.toString());
        Process wrk = builder.start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        Matcher total = Pattern.compile("(\\d+) requests in ([\\d.]+)(\\w+),").matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("no totals in wrk's output:\n" + out);
        }
        double secondsTaken = Double.parseDouble(total.group(2)) * ("ms".equals(total.group(3)) ? 0.001 : "m".equals(total.group(3)) ? 60 : 1);
        Matcher notOk = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        return new Result(Long.parseLong(total.group(1)), secondsTaken, percentile(out, "50%"), percentile(out, "99%"),
                notOk.find() ? Long.parseLong(notOk.group(1)) : 0, out);
    }

    private static double percentile(String out, String which) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(which) + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + which + " latency in wrk's output:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value;
            case "ms" -> value * 1000;
            default -> value * 1_000_000;
        };
    }
}
