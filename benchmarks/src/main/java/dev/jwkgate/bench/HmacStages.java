package dev.jwkgate.bench;

import dev.jwkgate.claims.ClaimSet;
import dev.jwkgate.claims.ClaimValidators;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.json.StrictJson;
import dev.jwkgate.jws.AcceptedHeaders;
import dev.jwkgate.jws.CompactJws;
import dev.jwkgate.jws.CompactJwsParser;
import dev.jwkgate.jws.HeaderPolicy;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;

/**
 * Where an HS256 token's time goes: the whole validator against the floor (a fresh {@code Mac} per token) and the
 * validator's stages run alone through their public classes — the compact-JWS parse (three base64url segments
 * decoded, the header's JSON read), the header policy, the two together for a header segment the validator already
 * accepted ({@link AcceptedHeaders}, the validator's path from its second token on), the payload's JSON into a claim
 * set, the claim checks, and the MAC with a {@code Mac} kept initialised as jwkgate keeps it. What the stages leave of the whole is key
 * selection, result building and the calls between stages. Interleaved in one thread (as {@link Interleaved}),
 * by worker-thread CPU time.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.jwkgate.bench.HmacStages ROUNDS BLOCK}.
 */
public final class HmacStages {

    private HmacStages() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int block = Integer.parseInt(args[1]);
        Fixture f = Fixture.forAlgorithm("HS256");
        JwkGateConfig config = JwkGateConfig.fromMap(Map.of("issuer", Fixture.ISSUER,
                "hmac_secrets", Map.of(f.kid, Base64.getUrlEncoder().withoutPadding().encodeToString(f.secret.getEncoded())),
                "audiences", List.of(Fixture.AUDIENCE), "algorithms", List.of("HS256")));
        TokenCheck whole = Contender.JWKGATE.createChecked(f);
        TokenCheck floor = Contender.FLOOR.createChecked(f);
        StrictJson json = new StrictJson(config.integer(Setting.MAX_JSON_DEPTH));
        CompactJwsParser parser = new CompactJwsParser(config.integer(Setting.MAX_TOKEN_BYTES),
                config.integer(Setting.MAX_HEADER_BYTES), json);
        HeaderPolicy policy = new HeaderPolicy(config.stringList(Setting.ALGORITHMS),
                config.stringList(Setting.SUPPORTED_CRITICAL_HEADERS), config.string(Setting.REQUIRED_TYPE),
                config.integer(Setting.MAX_KID_LENGTH), config.bool(Setting.ALLOW_MISSING_KID));
        ClaimValidators claims = ClaimValidators.from(config);
        AcceptedHeaders accepted = new AcceptedHeaders(policy);
        accepted.check(parser.parse(f.token, accepted)); // remembered, as after a validator's first token
        CompactJws parsed = parser.parse(f.token);
        ClaimSet claimSet = ClaimSet.of(json.parseObject(parsed.payload(), "payload"));
        Mac kept = Mac.getInstance("HmacSHA256");
        kept.init(f.secret);
        byte[] input = f.signingInput;
        byte[] tag = f.signature;

        Map<String, InterleavedCpu.Operation> stages = new LinkedHashMap<>();
        stages.put("floor: Mac.getInstance + init + doFinal + compare", () -> floor.check(f.token));
        stages.put("jwkgate, whole validator", () -> whole.check(f.token));
        stages.put("  parse: split, 3 × base64url, header JSON", () -> parser.parse(f.token));
        stages.put("  header policy", () -> policy.check(parsed.header()));
        stages.put("  parse and header policy, header remembered", () -> accepted.check(parser.parse(f.token, accepted)));
        stages.put("  MAC with a Mac kept initialised + compare", () -> {
            kept.update(input);
            return MessageDigest.isEqual(kept.doFinal(), tag);
        });
        stages.put("  payload JSON into a claim set", () -> ClaimSet.of(json.parseObject(parsed.payload(), "payload")));
        stages.put("  claim checks (iss, aud, exp)", () -> {
            claims.validate(claimSet, System.currentTimeMillis());
            return claimSet;
        });
        String[] names = stages.keySet().toArray(new String[0]);
        InterleavedCpu.Operation[] ops = stages.values().toArray(new InterleavedCpu.Operation[0]);
        int n = ops.length;
        double[][] cpu = InterleavedCpu.measure(ops, 10, rounds, block);
        System.out.printf("%s, HS256, %d rounds x %d ops, worker-thread CPU%n", Runtime.version(), rounds, block);
        System.out.println("| stage | median CPU µs/op | least CPU µs/op | ÷ floor (median of rounds) |");
        System.out.println("|---|---:|---:|---:|");
        for (int k = 0; k < n; k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = cpu[k][r] / cpu[0][r];
            }
            double[] own = cpu[k].clone();
            Arrays.sort(ratio);
            Arrays.sort(own);
            System.out.printf("| %s | %.3f | %.3f | %.3f |%n", names[k], own[rounds / 2], own[0], ratio[rounds / 2]);
        }
    }
}
