package dev.jwkgate.gateway;

import java.util.Locale;
import java.util.regex.Pattern;

/** A Kong consumer field a claim value is looked up by ({@code consumer_lookup}). */
public enum ConsumerField {
    /** The consumer's UUID: asked only for a value shaped as one, since Kong's lookup by id refuses anything else. */
    ID,
    /** The consumer's username. */
    USERNAME;

    /** Kong's {@code is_valid_uuid}: 8-4-4-4-12 hexadecimal digits. */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The field a setting value names ({@code id}, {@code username}). */
    public static ConsumerField named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether Kong can look {@code value} up by this field at all. */
    public boolean canHold(String value) {
        return this != ID || UUID.matcher(value).matches();
    }

    /**
     * Whether a consumer Kong returned matches {@code value} by this field. Kong's {@code load_consumer(value, true)}
     * also matches a UUID-shaped value against consumer ids, so a lookup by username must check the username: a token
     * whose {@code sub} equals some consumer's id must not become that consumer.
     */
    public boolean matches(String value, String consumerId, String consumerUsername) {
        return value.equals(this == ID ? consumerId : consumerUsername);
    }
}
