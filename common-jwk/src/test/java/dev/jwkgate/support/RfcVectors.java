package dev.jwkgate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JOSE RFCs' example keys and signatures, read from the test class path ({@code vectors/}, whose
 * README names each file's RFC section, upstream and licence).
 */
public final class RfcVectors {

    private RfcVectors() {
    }

    /** The text of one vector file, e.g. {@code latchset/rfc7515_A.3.jwsc}. */
    public static String read(String relative) {
        try (InputStream in = RfcVectors.class.getResourceAsStream("/vectors/" + relative)) {
            if (in == null) {
                throw new IllegalArgumentException("no RFC vector vectors/" + relative + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
