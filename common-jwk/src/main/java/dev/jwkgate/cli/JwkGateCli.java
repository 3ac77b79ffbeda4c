package dev.jwkgate.cli;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.docs.ReferenceTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code jwkgate} command line: lint a key set, verify a token, compute a thumbprint, check a gateway
 * configuration before deploying.
 *
 * <p>Exit codes: 0 success, 1 refused (bad token, unusable key set), 2 usage or I/O error.
 */
public final class JwkGateCli {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private static final String VERBOSE = "--verbose";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public JwkGateCli(PrintStream out, PrintStream err) {
        this(System.in, out, err);
    }

    /** @param in where {@code verify --token -} reads the token */
    public JwkGateCli(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new JwkGateCli(System.in, System.out, System.err).run(args));
    }

    public int run(String[] arguments) {
        // --verbose, anywhere: the audit events (key set loaded, key refused, token refused) on stderr
        boolean verbose = Arrays.asList(arguments).contains(VERBOSE);
        String[] args = Arrays.stream(arguments).filter(a -> !a.equals(VERBOSE)).toArray(String[]::new);
        if (args.length == 0) {
            return usage();
        }
        AuditListener audit = verbose ? event -> err.println("audit: " + event) : event -> { };
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "inspect":
                    return new InspectCommand(out, new KeySetReader()).run(rest);
                case "verify":
                    return new VerifyCommand(out, err, in, audit).run(rest);
                case "thumbprint":
                    return new ThumbprintCommand(out).run(rest);
                case "check-config":
                    return new CheckConfigCommand(out, in).run(rest);
                default:
                    break;
            }
        } catch (CliArguments.UsageException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (ConfigException e) {
            err.println(String.join("\n", e.problems()));
            return USAGE;
        }
        switch (args[0]) {
            case "reference":
                out.print(ReferenceTables.all());
                return OK;
            case "help":
            case "--help":
            case "-h":
                usage();
                return OK;
            default:
                err.println("unknown command: " + args[0]);
                return usage();
        }
    }

    private int usage() {
        err.println(String.join("\n",
                "usage: jwkgate <command> [options]",
                "  inspect <jwks-url|file> [--strict]      lint a key set with the ingestion policy",
                "  verify --token <@file|-|jwt> (--jwks <url|file> | --discovery) --issuer <iss>",
                "         [--audience <aud>]... [--setting name=value]...",
                "                                          validate a token; exit 1 when refused",
                "                                          (--token - reads standard input; a token on the",
                "                                          command line is visible in ps)",
                "  thumbprint <jwk-file|jwk-json>          RFC 7638 SHA-256 thumbprint of a JWK",
                "  check-config <file|-> [--kong | --apisix-conf] [--filter <name>]",
                "                                          check a Kong plugin config, an APISIX route (its",
                "                                          ext-plugin confs) or one APISIX conf value as the",
                "                                          gateway will read it; every problem, exit 1 if any",
                "  reference                               print the settings, reason-code and migration tables",
                "  --verbose                               also print the audit events on stderr"));
        return USAGE;
    }
}
