package dev.jwkgate.bench;

import dev.jwkgate.JwkGate;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.token.TokenValidator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Security issue, part 5: the CPU a refused token costs is bounded. Each case is a hostile input just past a
 * limit and far past it; both must be refused in a few microseconds, with the same cost, by the production
 * validator (default limits, audit on through a listener that does nothing, token cache on). Setup proves each
 * input is refused for the reason the case names, so the benchmark cannot measure a path that got further.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class RejectionCost {

    /** max_token_bytes, max_header_bytes, max_json_depth and max_kid_length at their defaults. */
    static final int MAX_TOKEN = 16_384;
    static final int MAX_HEADER = 2_048;
    static final int MAX_DEPTH = 16;
    static final int MAX_KID = 256;

    @Param({"token_at_cap_plus_1", "token_64x_cap", "header_at_cap_plus_1", "header_7x_cap",
            "nesting_17", "nesting_500", "segments_4", "segments_7000", "kid_257", "kid_1400", "jwe_5_segments",
            "payload_bad_char", "valid_rs256"})
    public String input;

    private TokenValidator validator;
    private String token;

    @Setup
    public void setUp() {
        Fixture fixture = Fixture.forAlgorithm("RS256");
        validator = JwkGate.builder(JwkGateConfig.fromMap(Map.of("issuer", Fixture.ISSUER, "jwks", fixture.jwksJson,
                "audiences", List.of(Fixture.AUDIENCE), "token_cache_enabled", true)))
                .auditListener(AuditListener.NONE).build();
        token = hostile(input, fixture);
        ValidationResult result = validator.validate(token);
        ReasonCode expected = expectedReason(input);
        if (expected == null ? !result.isValid() : result.isValid() || result.reason() != expected) {
            throw new IllegalStateException(input + ": expected " + expected + ", got " + result);
        }
    }

    @Benchmark
    public ValidationResult validate() {
        return validator.validate(token);
    }

    static ReasonCode expectedReason(String input) {
        switch (input) {
            case "token_at_cap_plus_1": case "token_64x_cap": case "header_at_cap_plus_1": case "header_7x_cap":
            case "kid_257": case "kid_1400": case "nesting_17": case "nesting_500":
                return ReasonCode.TOO_LARGE;
            case "segments_4": case "segments_7000": case "payload_bad_char":
                return ReasonCode.MALFORMED;
            case "jwe_5_segments":
                return ReasonCode.ENCRYPTED_TOKEN;
            case "valid_rs256":
                return null;
            default:
                throw new IllegalArgumentException(input);
        }
    }

    static String hostile(String input, Fixture fixture) {
        String payload = b64(Fixture.payload("hostile"));
        String signature = fixture.token.substring(fixture.token.lastIndexOf('.') + 1);
        switch (input) {
            case "token_at_cap_plus_1":
                return padded(fixture.token, MAX_TOKEN + 1);
            case "token_64x_cap":
                return padded(fixture.token, MAX_TOKEN * 64);
            case "header_at_cap_plus_1":
                return "A".repeat(MAX_HEADER + 1) + "." + payload + "." + signature;
            case "header_7x_cap":
                return "A".repeat(MAX_HEADER * 7) + "." + payload + "." + signature;
            case "nesting_17":
                return nested(MAX_DEPTH + 1) + "." + payload + "." + signature;
            case "nesting_500":
                return nested(500) + "." + payload + "." + signature;
            case "segments_4":
                return fixture.token + "." + signature;
            case "segments_7000":
                return fixture.token + ".A".repeat(6_997);
            case "kid_257":
                return b64(fixture.header("k".repeat(MAX_KID + 1))) + "." + payload + "." + signature;
            case "kid_1400":
                return b64(fixture.header("k".repeat(1_400))) + "." + payload + "." + signature;
            case "jwe_5_segments":
                return b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".AAAA.AAAA." + payload + ".AAAA";
            case "payload_bad_char": {
                // a '+' (base64, not base64url) where the payload segment's 41st character was
                int payloadStart = fixture.token.indexOf('.') + 1;
                return fixture.token.substring(0, payloadStart + 40) + "+" + fixture.token.substring(payloadStart + 41);
            }
            case "valid_rs256":
                return fixture.token;
            default:
                throw new IllegalArgumentException(input);
        }
    }

    /** A header whose "x" member is {@code depth} nested arrays (the object itself is one more level). */
    private static String nested(int depth) {
        return b64("{\"alg\":\"RS256\",\"kid\":\"bench-rs256\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    }

    /** The token with its signature segment stretched to {@code length} chars of base64url. */
    private static String padded(String token, int length) {
        return token + "A".repeat(length - token.length());
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
