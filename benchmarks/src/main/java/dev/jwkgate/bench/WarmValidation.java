package dev.jwkgate.bench;

import dev.jwkgate.JwkGate;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.token.TokenValidator;
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
 * Parts 2 and 3: one token (RS256 unless {@code alg} says otherwise) validated again and again, by the JCA floor, by jwkgate with the
 * verified-token cache off (cold) and on (warm). The validators are shared by all benchmark threads, as
 * in a gateway; {@link Scaling} runs this on one and on two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class WarmValidation {

    /** RS256 by default; {@code -p alg=EdDSA} (etc.) runs the same three on another algorithm. */
    @Param({"RS256"})
    public String alg;

    private TokenCheck floor;
    private TokenCheck cold;
    private TokenCheck warm;
    private String token;

    @Setup
    public void setUp() throws Exception {
        Fixture fixture = Fixture.forAlgorithm(alg);
        token = fixture.token;
        floor = Contender.FLOOR.createChecked(fixture);
        cold = Contender.JWKGATE.createChecked(fixture);
        warm = Contender.check(cachingValidator(fixture));
        warm.check(token);
    }

    /** The production validator with the verified-token cache on (the gateway adapters' default). */
    static TokenValidator cachingValidator(Fixture fixture) {
        JwkGateConfig config = JwkGateConfig.fromMap(Map.of(
                "issuer", Fixture.ISSUER, "jwks", fixture.jwksJson, "audiences", List.of(Fixture.AUDIENCE),
                "algorithms", List.of(fixture.alg), "token_cache_enabled", true));
        return JwkGate.builder(config).auditListener(AuditListener.NONE).build();
    }

    @Benchmark
    public Object floor() throws Exception {
        return floor.check(token);
    }

    @Benchmark
    public Object cold() throws Exception {
        return cold.check(token);
    }

    @Benchmark
    public Object warm() throws Exception {
        return warm.check(token);
    }
}
