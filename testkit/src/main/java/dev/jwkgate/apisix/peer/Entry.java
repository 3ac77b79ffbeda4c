package dev.jwkgate.apisix.peer;

/** A FlatBuffers {@code TextEntry}: a header, query argument or conf entry; a null value means "none". */
public record Entry(String name, String value) {
}
