package dev.jwkgate.cli;

import dev.jwkgate.keys.JwkThumbprint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code thumbprint}: the RFC 7638 SHA-256 thumbprint of a JWK given as a file or as JSON text. */
final class ThumbprintCommand {

    private final PrintStream out;

    ThumbprintCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws CliArguments.UsageException, IOException {
        if (args.length != 1) {
            throw new CliArguments.UsageException("thumbprint: give one JWK file or JWK JSON text");
        }
        String jwk = args[0].strip().startsWith("{") ? args[0] : Files.readString(Path.of(args[0]));
        try {
            out.println(JwkThumbprint.of(jwk));
            return JwkGateCli.OK;
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException("thumbprint: " + e.getMessage());
        }
    }
}
