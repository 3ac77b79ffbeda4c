package dev.jwkgate.cli;

import dev.jwkgate.SourceSettings;
import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.JwkThumbprint;
import dev.jwkgate.keys.KeyIngestionPolicy;
import dev.jwkgate.keys.KeyOrigin;
import dev.jwkgate.keys.KeyRefusal;
import dev.jwkgate.keys.KeySetRejectedException;
import dev.jwkgate.keys.TrustedKey;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * {@code inspect}: lints a key set with exactly the ingestion policy gateways apply to a remote set,
 * and prints a verdict and RFC 7638 thumbprint per key.
 */
final class InspectCommand {

    private final PrintStream out;
    private final KeySetReader reader;

    InspectCommand(PrintStream out, KeySetReader reader) {
        this.out = out;
        this.reader = reader;
    }

    int run(String[] args) throws CliArguments.UsageException, IOException {
        CliArguments arguments = new CliArguments(args, List.of("strict"));
        if (arguments.positional().size() != 1 || !arguments.unknown(List.of("strict", "setting")).isEmpty()) {
            throw new CliArguments.UsageException("inspect: give one JWKS URL or file, and optionally --strict");
        }
        String location = arguments.positional().get(0);
        KeySetReader.Fetched fetched = reader.read(location, SettingOverrides.parse(arguments.all("setting")));
        // judged as a remote set even when read from a file: that is how gateways will receive it
        KeyIngestionPolicy policy = SourceSettings.ingestion(fetched.config());
        IngestedKeySet ingested;
        try {
            ingested = policy.ingest(fetched.body(), KeyOrigin.REMOTE, Instant.now());
        } catch (KeySetRejectedException e) {
            out.println("SET REFUSED " + location + ": " + e.getMessage());
            return JwkGateCli.REFUSED;
        }
        out.println("key set " + location);
        List<KeyRefusal> unmatched = new ArrayList<>(ingested.refusals());
        for (Map<String, Object> jwk : members(fetched.body())) {
            String thumbprint = thumbprintOrDash(jwk);
            TrustedKey accepted = ingested.keys().keys().stream()
                    .filter(k -> k.thumbprint().equals(thumbprint) && Objects.equals(k.keyId(), jwk.get("kid")))
                    .findFirst().orElse(null);
            if (accepted != null) {
                out.println("  OK      kid=" + accepted.keyId() + " kty=" + accepted.family().kty()
                        + (accepted.curve() == null ? "" : " crv=" + accepted.curve())
                        + " algs=" + accepted.algorithms().stream().sorted().toList() + " thumbprint=" + thumbprint);
                continue;
            }
            KeyRefusal refusal = unmatched.stream()
                    .filter(r -> Objects.equals(r.keyId(), jwk.get("kid"))).findFirst().orElse(null);
            unmatched.remove(refusal);
            out.println("  REFUSED kid=" + jwk.get("kid") + " kty=" + jwk.get("kty") + " thumbprint=" + thumbprint
                    + (refusal == null ? "" : ": " + refusal.why() + (refusal.leak() ? " [LEAK: private material published]" : "")));
        }
        int usable = ingested.keys().size();
        int refused = ingested.refusals().size();
        out.println(usable + " usable, " + refused + " refused");
        if (usable == 0 || (arguments.flag("strict") && refused > 0)) {
            return JwkGateCli.REFUSED;
        }
        return JwkGateCli.OK;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> members(String body) {
        try {
            Object keys = JsonUtil.parseJson(body).get("keys");
            List<Map<String, Object>> out = new ArrayList<>();
            if (keys instanceof List) {
                for (Object key : (List<Object>) keys) {
                    if (key instanceof Map) {
                        out.add((Map<String, Object>) key);
                    }
                }
            }
            return out;
        } catch (JoseException e) {
            return List.of(); // the policy has already accepted the JSON, so this cannot happen
        }
    }

    private static String thumbprintOrDash(Map<String, Object> jwk) {
        try {
            return JwkThumbprint.of(JsonUtil.toJson(jwk));
        } catch (IllegalArgumentException e) {
            return "-";
        }
    }
}
