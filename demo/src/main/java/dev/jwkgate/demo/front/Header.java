package dev.jwkgate.demo.front;

/** One header line: its name as sent (any case) and its value without surrounding whitespace. */
public record Header(String name, String value) {
}
