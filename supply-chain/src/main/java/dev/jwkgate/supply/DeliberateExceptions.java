package dev.jwkgate.supply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The committed list of libraries kept behind on purpose, each with its reason. One entry a line:
 * <pre>
 * version &lt;group:name[:classifier]&gt; &lt;version&gt; &lt;reason&gt;   kept at this version though its line has a newer patch
 * line    &lt;group:name[:classifier]&gt; &lt;line&gt;    &lt;reason&gt;   kept on this line (e.g. "2.7") though a newer line exists
 * </pre>
 * Blank lines and lines starting with {@code #} are comments. A reason is required.
 */
public final class DeliberateExceptions {

    /** One entry: which component, what it is held at, and why. */
    public record Hold(String kind, String component, String heldAt, String reason) {
    }

    private final Map<String, Hold> versionHolds = new LinkedHashMap<>();
    private final Map<String, Hold> lineHolds = new LinkedHashMap<>();

    public static DeliberateExceptions read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static DeliberateExceptions parse(List<String> lines) {
        DeliberateExceptions exceptions = new DeliberateExceptions();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+", 4);
            if (fields.length < 4 || !(fields[0].equals("version") || fields[0].equals("line"))) {
                throw new IllegalArgumentException("exceptions line " + number
                        + ": expected 'version|line <group:name> <version|line> <reason>', got: " + raw);
            }
            Hold hold = new Hold(fields[0], fields[1], fields[2], fields[3]);
            Map<String, Hold> holds = fields[0].equals("version") ? exceptions.versionHolds : exceptions.lineHolds;
            if (holds.putIfAbsent(fields[1], hold) != null) {
                throw new IllegalArgumentException("exceptions line " + number + ": " + fields[1] + " is held twice");
            }
        }
        return exceptions;
    }

    public Optional<Hold> versionHold(String component) {
        return Optional.ofNullable(versionHolds.get(component));
    }

    public Optional<Hold> lineHold(String component) {
        return Optional.ofNullable(lineHolds.get(component));
    }

    /** Every entry, version holds first, in file order. */
    public List<Hold> all() {
        return java.util.stream.Stream.concat(versionHolds.values().stream(), lineHolds.values().stream()).toList();
    }
}
