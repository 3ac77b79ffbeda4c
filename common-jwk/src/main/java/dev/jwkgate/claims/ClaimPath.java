package dev.jwkgate.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A claim named by its path through nested JSON objects, as every setting that names a claim accepts it.
 *
 * <p>Syntax: names separated by dots, each name one level deeper: {@code sub}, {@code realm_access.roles},
 * {@code resource_access.my-client.roles} (Keycloak's role claims). A dot that belongs to a name is written
 * {@code \.} and a backslash {@code \\}, as kubectl's JSONPath escapes them: Auth0's namespaced claim
 * {@code https://example.com/roles} is {@code https://example\.com/roles}. Any other backslash, and an empty
 * name ({@code a..b}, a leading or trailing dot), is refused, so every path has one reading.
 *
 * <p>A path only descends objects: it finds nothing when a name is missing, a value on the way is not an object
 * (an array is not indexed), or the value is JSON null. Whether it leads to JSON null (at its end or on the way) is
 * asked separately ({@link #reachesNull}): rules refuse a null as present but invalid, unlike an absent claim.
 * Parsed once, when a configuration is read; immutable.
 */
public final class ClaimPath {

    private static final char SEPARATOR = '.';
    private static final char ESCAPE = '\\';

    private final String text;
    private final String[] names;

    private ClaimPath(String text, String[] names) {
        this.text = text;
        this.names = names;
    }

    /**
     * Reads a path.
     *
     * @throws IllegalArgumentException saying what is wrong with it (the text is a setting, never a secret)
     */
    public static ClaimPath parse(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new ClaimPath(text, split(text).toArray(String[]::new));
    }

    /**
     * A path given as its claim names from the top down, as Kong {@code openid-connect} writes claim settings
     * ({@code ["realm_access", "roles"]}); no escaping, since a name is never split.
     *
     * @throws IllegalArgumentException when there is no name or a name is empty
     */
    public static ClaimPath of(List<String> names) {
        if (names.isEmpty() || names.stream().anyMatch(name -> name == null || name.isEmpty())) {
            throw new IllegalArgumentException("a claim path has at least one name and no empty one: " + names);
        }
        String text = names.stream().map(name -> name.replace("\\", "\\\\").replace(".", "\\."))
                .collect(java.util.stream.Collectors.joining("."));
        return new ClaimPath(text, names.toArray(String[]::new));
    }

    /** Why {@code text} is not a claim path, or empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("a claim path is not empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE) {
                if (i + 1 == text.length() || (text.charAt(i + 1) != SEPARATOR && text.charAt(i + 1) != ESCAPE)) {
                    return Optional.of("claim path '" + text + "': a backslash escapes only '.' or '\\' (\\. is a dot "
                            + "inside a claim name, \\\\ a backslash)");
                }
                i++;
            }
        }
        if (split(text).stream().anyMatch(String::isEmpty)) {
            return Optional.of("claim path '" + text + "': empty claim name (a leading, trailing or doubled dot; "
                    + "write a dot inside a name as \\.)");
        }
        return Optional.empty();
    }

    /** Names at unescaped dots, escapes resolved; only for text that has no bad escape. */
    private static List<String> split(String text) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE) {
                name.append(text.charAt(++i));
            } else if (c == SEPARATOR) {
                names.add(name.toString());
                name.setLength(0);
            } else {
                name.append(c);
            }
        }
        names.add(name.toString());
        return names;
    }

    /** The value at this path, or null when there is none (see the class comment). */
    public Object find(Map<String, ?> claims) {
        Object value = claims.get(names[0]);
        for (int i = 1; i < names.length && value != null; i++) {
            value = value instanceof Map ? ((Map<?, ?>) value).get(names[i]) : null;
        }
        return value;
    }

    /**
     * Whether the walk down this path meets a member set to JSON null, at its end or on the way: {@code a.b.c}
     * reaches null in {@code {"a": {"b": null}}} and in {@code {"a": {"b": {"c": null}}}}, not in {@code {"a": {}}}.
     */
    public boolean reachesNull(Map<String, ?> claims) {
        Object level = claims;
        for (String name : names) {
            if (!(level instanceof Map)) {
                return false;
            }
            Map<?, ?> object = (Map<?, ?>) level;
            level = object.get(name);
            if (level == null) {
                return object.containsKey(name);
            }
        }
        return false;
    }

    /** The path as configured, escapes included: how messages and logs name it. */
    public String text() {
        return text;
    }

    /** The claim names from the top down, escapes resolved. */
    public List<String> names() {
        return List.of(names);
    }

    /** Whether the path names a top-level claim. */
    public boolean isTopLevel() {
        return names.length == 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClaimPath && Arrays.equals(names, ((ClaimPath) other).names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names);
    }

    @Override
    public String toString() {
        return text;
    }
}
