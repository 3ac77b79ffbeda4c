package dev.jwkgate.bench;

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
 * Part 1 of the benchmark issue: one token validation, token cache off, one thread. Run only the
 * supported (contender, alg) pairs — {@link SideBySide} does that and prints ratios to the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ColdValidation {

    @Param({"RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA", "HS256"})
    public String alg;

    @Param({"floor", "floor-fast", "jwkgate", "jose4j", "nimbus", "auth0", "jjwt"})
    public String contender;

    private TokenCheck check;
    private String token;

    @Setup
    public void setUp() throws Exception {
        Contender c = Contender.byLabel(contender);
        if (!c.supports(alg)) {
            throw new IllegalStateException(contender + " does not support " + alg + "; run it through SideBySide");
        }
        Fixture fixture = Fixture.forAlgorithm(alg);
        check = c.createChecked(fixture);
        token = fixture.token;
    }

    @Benchmark
    public Object validate() throws Exception {
        return check.check(token);
    }
}
