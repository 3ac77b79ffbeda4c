package dev.jwkgate.supply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release's version as the latest-patch check compares them: its leading numbers and what follows them
 * ({@code 4.1.141.Final} is 4, 1, 141 and "final"; {@code 33.8.0-jre} is 33, 8, 0 and "jre"). Two versions are in
 * the same <em>line</em> when their first two numbers and their qualifier agree, so Guava's "-jre" and "-android"
 * flavours, and Netty's ".CR1" or ".Alpha2" pre-releases, are never offered for a ".Final".
 */
public record ReleaseVersion(String text, List<Integer> numbers, String qualifier) implements Comparable<ReleaseVersion> {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+(?:\\.\\d+)*)(.*)");
    /** One word of a qualifier that marks a pre-release: {@code Alpha1}, {@code RC2}, {@code CR7}, {@code M9}, {@code SNAPSHOT}. */
    private static final Pattern PRE_RELEASE_WORD = Pattern.compile("(alpha|beta|rc|cr|m|milestone|preview|ea|snapshot)\\d*");

    /** Parses a Maven version; one without leading numbers has no line and compares as the oldest. */
    public static ReleaseVersion parse(String text) {
        Matcher matcher = NUMBERS.matcher(text);
        if (!matcher.matches()) {
            return new ReleaseVersion(text, List.of(), text.toLowerCase(Locale.ROOT));
        }
        List<Integer> numbers = new ArrayList<>();
        for (String number : matcher.group(1).split("\\.")) {
            numbers.add(number.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(number));
        }
        String qualifier = matcher.group(2).replaceFirst("^[.-]", "").toLowerCase(Locale.ROOT);
        return new ReleaseVersion(text, List.copyOf(numbers), qualifier);
    }

    /** A milestone, release candidate, alpha, beta or snapshot: never a version to move to. */
    public boolean isPreRelease() {
        for (String word : qualifier.split("[.\\-_]")) {
            if (PRE_RELEASE_WORD.matcher(word).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The first two numbers, e.g. {@code 4.1}: how the exceptions file names a line. */
    public String majorMinor() {
        return numbers.isEmpty() ? "?" : numbers.size() == 1 ? numbers.get(0).toString() : numbers.get(0) + "." + numbers.get(1);
    }

    /** The line, e.g. {@code 4.1 (final)}: the first two numbers and the qualifier. */
    public String line() {
        return qualifier.isEmpty() ? majorMinor() : majorMinor() + " (" + qualifier + ")";
    }

    public boolean sameLine(ReleaseVersion other) {
        return line().equals(other.line());
    }

    /** By the numbers (missing ones count as 0), then by text, so the order is total. */
    @Override
    public int compareTo(ReleaseVersion other) {
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int mine = i < numbers.size() ? numbers.get(i) : 0;
            int theirs = i < other.numbers.size() ? other.numbers.get(i) : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return text.compareTo(other.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
