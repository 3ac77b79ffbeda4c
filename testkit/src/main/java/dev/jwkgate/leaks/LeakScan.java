package dev.jwkgate.leaks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Searches log text for the exact secret values {@link IssuedSecrets} recorded.
 *
 * <p>Every recorded value is base64 or base64url, and in any log it starts where a run of base64 characters
 * starts (after a quote, a dot, a space, a line start). So each line is cut into such runs and each run is
 * looked up by its first 16 characters: linear in the size of the logs, whatever the number of values. A
 * finding names the file, line and kind, and the value only by a hash, so the report itself leaks nothing.
 */
public final class LeakScan {

    private static final int PREFIX = 16;

    private final Map<String, List<Map.Entry<String, String>>> byPrefix = new HashMap<>();

    /** @param issued value to kind, as {@link IssuedSecrets#load} returns */
    public LeakScan(Map<String, String> issued) {
        issued.forEach((value, kind) -> byPrefix.computeIfAbsent(value.substring(0, PREFIX), p -> new ArrayList<>())
                .add(Map.entry(value, kind)));
    }

    /** The findings in one line of text, each "kind (sha256 prefix)". */
    public List<String> findIn(String line) {
        List<String> findings = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (!isBase64(line.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < line.length() && isBase64(line.charAt(end))) {
                end++;
            }
            if (end - i >= PREFIX) {
                for (Map.Entry<String, String> candidate : byPrefix.getOrDefault(line.substring(i, i + PREFIX), List.of())) {
                    if (line.startsWith(candidate.getKey(), i)) {
                        findings.add(candidate.getValue() + " (sha256 " + fingerprint(candidate.getKey()) + ")");
                    }
                }
            }
            i = end;
        }
        return findings;
    }

    /** The findings in every log file, each "file:line: kind (sha256 prefix)". */
    public List<String> findIn(List<Path> logs, Path relativeTo) throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path log : logs) {
            try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    for (String finding : findIn(line)) {
                        findings.add(relativeTo.relativize(log) + ":" + number + ": " + finding);
                    }
                }
            }
        }
        return findings;
    }

    /** Test output (surefire and failsafe {@code *-output.txt}) and {@code *.log} files under every module's target. */
    public static List<Path> logFiles(Path project) throws IOException {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(project)) {
            for (Path target : modules.map(m -> m.resolve("target")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(target)) {
                    files.filter(Files::isRegularFile).filter(LeakScan::isLog).forEach(logs::add);
                }
            }
        }
        return logs;
    }

    private static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        String path = file.toString();
        return name.endsWith(".log") || ((path.contains("surefire-reports") || path.contains("failsafe-reports"))
                && name.endsWith("-output.txt"));
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '+' || c == '/';
    }

    private static String fingerprint(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
