package dev.jwkgate.json;

import java.util.function.IntUnaryOperator;

/**
 * Checks JSON nesting depth before a parser sees the text, so hostile input cannot make any parser
 * build deep structures (CVE-2025-53864 class).
 */
public final class JsonLimits {

    private JsonLimits() {
    }

    /**
     * The deepest nesting of objects and arrays in {@code json}, counting brackets outside strings.
     * Stops counting as soon as {@code limit} is exceeded and returns {@code limit + 1}.
     */
    public static int depth(CharSequence json, int limit) {
        return depth(json.length(), json::charAt, limit);
    }

    /**
     * {@link #depth(CharSequence, int)} over UTF-8 bytes: brackets, quotes and backslashes are ASCII, and no byte of
     * a multi-byte UTF-8 sequence is ASCII, so the count is the same as over the decoded text.
     */
    public static int depth(byte[] utf8, int limit) {
        return depth(utf8.length, i -> utf8[i], limit);
    }

    /** The count itself, over the {@code length} code units {@code at} returns. */
    private static int depth(int length, IntUnaryOperator at, int limit) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < length; i++) {
            int c = at.applyAsInt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
                if (depth > max) {
                    max = depth;
                    if (max > limit) {
                        return limit + 1;
                    }
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }

    public static boolean withinDepth(CharSequence json, int limit) {
        return depth(json, limit) <= limit;
    }
}
