package dev.jwkgate.cli;

import dev.jwkgate.JwkGate;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.result.VerifiedToken;
import dev.jwkgate.token.TokenValidator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/** {@code verify}: validates one token with the same core a gateway runs, and prints the verdict. */
final class VerifyCommand {

    private static final List<String> OPTIONS = List.of("token", "jwks", "discovery", "issuer", "audience", "setting");

    private final PrintStream out;

    VerifyCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws CliArguments.UsageException, IOException {
        CliArguments arguments = new CliArguments(args, List.of("discovery"));
        if (!arguments.unknown(OPTIONS).isEmpty() || !arguments.positional().isEmpty()) {
            throw new CliArguments.UsageException("verify: unexpected arguments " + arguments.unknown(OPTIONS)
                    + " " + arguments.positional());
        }
        String token = required(arguments, "token");
        if (token.startsWith("@")) {
            token = Files.readString(Path.of(token.substring(1))).strip();
        }
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
            settings.put("jwks_file", jwks);
        }
        if (!arguments.all("audience").isEmpty()) {
            settings.put("audiences", arguments.all("audience"));
        }
        settings.putAll(SettingOverrides.parse(arguments.all("setting")));

        JwkGateConfig config;
        try {
            config = JwkGateConfig.fromMap(settings);
        } catch (ConfigException e) {
            throw new CliArguments.UsageException(String.join("\n", e.problems()));
        }
        KeySourceRegistry sources = new KeySourceRegistry();
        TokenValidator validator = JwkGate.builder(config).sources(sources).build();
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

    private static String required(CliArguments arguments, String name) throws CliArguments.UsageException {
        String value = arguments.one(name);
        if (value == null) {
            throw new CliArguments.UsageException("verify: --" + name + " is required");
        }
        return value;
    }
}
