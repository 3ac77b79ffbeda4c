package dev.jwkgate.cli;

import dev.jwkgate.JwkGate;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.result.VerifiedToken;
import dev.jwkgate.token.TokenValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/** {@code verify}: validates one token with the same core a gateway runs, and prints the verdict. */
final class VerifyCommand {

    private static final List<String> OPTIONS = List.of("token", "jwks", "discovery", "issuer", "audience", "setting");
    /** Discovery and then the JWKS: two fetches of at most the default {@code http_timeout_ms} each. */
    private static final int CLI_FIRST_LOAD_WAIT_MS = 10_000;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final AuditListener audit;

    /** @param audit where the audit events of the check go: stderr with {@code --verbose}, else nowhere */
    VerifyCommand(PrintStream out, PrintStream err, InputStream in, AuditListener audit) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.audit = audit;
    }

    int run(String[] args) throws CliArguments.UsageException, IOException {
        CliArguments arguments = new CliArguments(args, List.of("discovery"));
        if (!arguments.unknown(OPTIONS).isEmpty() || !arguments.positional().isEmpty()) {
            throw new CliArguments.UsageException("verify: unexpected arguments " + arguments.unknown(OPTIONS)
                    + " " + arguments.positional());
        }
        String token = token(required(arguments, "token"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("issuer", required(arguments, "issuer"));
        String jwks = arguments.one("jwks");
        if (arguments.flag("discovery")) {
            settings.put("discovery", true);
        } else if (jwks == null) {
            throw new CliArguments.UsageException("verify: give --jwks <url|file> or --discovery");
        } else if (jwks.startsWith("https://") || jwks.startsWith("http://")) {
            settings.put("jwks_uri", jwks);
        } else {
            CliFiles.requireReadable("JWKS file", jwks);
            settings.put("jwks_file", jwks);
        }
        if (!arguments.all("audience").isEmpty()) {
            settings.put("audiences", arguments.all("audience"));
        }
        // one check, no request waiting behind it: the first load may take as long as a fetch (http_timeout_ms)
        settings.put("first_load_wait_ms", CLI_FIRST_LOAD_WAIT_MS);
        settings.putAll(SettingOverrides.parse(arguments.all("setting")));

        JwkGateConfig config;
        try {
            config = JwkGateConfig.fromMap(settings);
        } catch (ConfigException e) {
            throw new CliArguments.UsageException(String.join("\n", e.problems()));
        }
        TokenValidator validator;
        try {
            validator = JwkGate.builder(config).sources(new KeySourceRegistry()).auditListener(audit).build();
        } catch (ConfigException e) {
            throw new CliArguments.UsageException(String.join("\n", e.problems()));
        }
        try {
            ValidationResult result = validator.validate(token);
            if (!result.isValid()) {
                out.println("REFUSED " + result.reason().code() + ": " + result.message());
                return JwkGateCli.REFUSED;
            }
            VerifiedToken verified = result.token();
            out.println("VALID kid=" + verified.keyId() + " alg=" + verified.algorithm()
                    + " key-thumbprint=" + verified.thumbprint());
            out.println(JsonUtil.toJson(verified.claims()));
            return JwkGateCli.OK;
        } finally {
            validator.keySource().close();
        }
    }

    /**
     * The token: {@code @path} reads a file, {@code -} reads standard input; a token written on the command line
     * is taken, with a warning, since every local user can read it in the process list.
     */
    private String token(String value) throws CliArguments.UsageException, IOException {
        if (value.startsWith("@")) {
            return CliFiles.read("token file", value.substring(1)).strip();
        }
        if (value.equals("-")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        err.println("warning: a token on the command line is visible to every local user in the process list (ps)"
                + " and stays in your shell history; pass --token @<file> or --token - (standard input) instead");
        return value;
    }

    private static String required(CliArguments arguments, String name) throws CliArguments.UsageException {
        String value = arguments.one(name);
        if (value == null) {
            throw new CliArguments.UsageException("verify: --" + name + " is required");
        }
        return value;
    }
}
