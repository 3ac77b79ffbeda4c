package dev.jwkgate.source.local;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.json.Utf8;
import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeyOrigin;
import dev.jwkgate.keys.KeySetRejectedException;
import dev.jwkgate.source.JwksParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads a JWKS given in configuration ({@code jwks} text or {@code jwks_file}) once, at build time, through
 * the ingestion policy with {@link KeyOrigin#LOCAL}. A set refused whole, or without a single usable key, is a
 * configuration error: better to fail at deployment than to refuse every token later.
 */
public final class LocalKeySets {

    private LocalKeySets() {
    }

    public static IngestedKeySet fromText(String settingName, String json, JwksParser parser, Instant loadedAt) {
        IngestedKeySet ingested;
        try {
            ingested = parser.parse(json, KeyOrigin.LOCAL, loadedAt);
        } catch (KeySetRejectedException e) {
            throw new ConfigException(settingName + ": key set refused: " + e.getMessage());
        }
        if (ingested.keys().size() == 0) {
            StringBuilder why = new StringBuilder(settingName + ": no usable key in the set");
            ingested.refusals().forEach(r -> why.append("; kid ").append(r.keyId()).append(": ").append(r.why()));
            throw new ConfigException(why.toString());
        }
        return ingested;
    }

    /** Reads at most {@code maxBytes} (a larger file is refused without reading it whole), then as {@link #fromText}. */
    public static IngestedKeySet fromFile(Path file, int maxBytes, JwksParser parser, Instant loadedAt) {
        return fromText("jwks_file", read(file, maxBytes), parser, loadedAt);
    }

    private static String read(Path file, int maxBytes) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ConfigException("jwks_file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > maxBytes) {
            throw new ConfigException("jwks_file: " + file + " is larger than max_jwks_bytes (" + maxBytes + ")");
        }
        return Utf8.decode(bytes)
                .orElseThrow(() -> new ConfigException("jwks_file: " + file + " is not UTF-8 text"));
    }
}
