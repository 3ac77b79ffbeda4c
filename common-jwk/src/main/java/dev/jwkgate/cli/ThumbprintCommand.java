package dev.jwkgate.cli;

import dev.jwkgate.keys.JwkThumbprint;
import java.io.PrintStream;

/** {@code thumbprint}: the RFC 7638 SHA-256 thumbprint of a JWK given as a file or as JSON text. */
final class ThumbprintCommand {

    private final PrintStream out;

    ThumbprintCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws CliArguments.UsageException {
        if (args.length != 1) {
            throw new CliArguments.UsageException("thumbprint: give one JWK file or JWK JSON text");
        }
        String jwk = args[0].strip().startsWith("{") ? args[0] : CliFiles.read("JWK file", args[0]);
        try {
            out.println(JwkThumbprint.of(jwk));
            return JwkGateCli.OK;
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException("thumbprint: " + e.getMessage());
        }
    }
}
