package dev.jwkgate.keys.rotation;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the duration settings as an admin types them: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s} or plain seconds. */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*([dhms]?)");

    private Durations() {
    }

    /** @throws IllegalArgumentException with a message naming the setting and the accepted forms */
    public static Duration parse(String label, String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + label + "' must be a duration such as 30d, 12h, 90m, 45s or a number of seconds");
        }
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "d":
                return Duration.ofDays(amount);
            case "h":
                return Duration.ofHours(amount);
            case "m":
                return Duration.ofMinutes(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    /** The shortest exact form, so the stored value reads as the admin would write it. */
    public static String format(Duration duration) {
        long s = duration.getSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
