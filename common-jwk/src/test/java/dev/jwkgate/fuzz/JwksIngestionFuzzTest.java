package dev.jwkgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeyIngestionPolicy;
import dev.jwkgate.keys.KeyOrigin;
import dev.jwkgate.keys.KeySetRejectedException;
import dev.jwkgate.keys.TrustedKey;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fuzz target for JWKS parsing and the ingestion policy: whatever the set, only sound keys come out, at most one
 * per key type and kid.
 */
class JwksIngestionFuzzTest {

    private static final KeyIngestionPolicy POLICY = new KeyIngestionPolicy(65_536, 100);

    @FuzzTest
    void onlySoundPublicKeysSurviveIngestion(FuzzedDataProvider data) {
        String jwks = data.consumeRemainingAsString();
        IngestedKeySet ingested;
        try {
            ingested = POLICY.ingest(jwks, KeyOrigin.REMOTE, Instant.EPOCH);
        } catch (KeySetRejectedException refusedWhole) {
            assertThat(refusedWhole.getMessage()).isNotBlank();
            return;
        }
        assertThat(ingested.keys().size()).isLessThanOrEqualTo(100);
        Set<List<Object>> familyAndKid = new HashSet<>();
        for (TrustedKey key : ingested.keys().keys()) {
            assertThat(key.keyId() == null || familyAndKid.add(List.of(key.family(), key.keyId())))
                    .as("one usable key per key type and kid").isTrue();
            assertThat(key.algorithms()).noneMatch(alg -> alg.startsWith("HS"));
            if (key.key() instanceof RSAPublicKey) {
                BigInteger n = ((RSAPublicKey) key.key()).getModulus();
                BigInteger e = ((RSAPublicKey) key.key()).getPublicExponent();
                assertThat(n.bitLength()).isGreaterThanOrEqualTo(2048);
                assertThat(n.testBit(0)).isTrue();
                assertThat(e.testBit(0) && e.compareTo(BigInteger.ONE) > 0).isTrue();
            } else if (key.key() instanceof ECPublicKey) {
                ECPublicKey ec = (ECPublicKey) key.key();
                assertThat(onCurve(ec)).as("EC point on its curve").isTrue();
            }
        }
    }

    private static boolean onCurve(ECPublicKey key) {
        ECPoint w = key.getW();
        java.security.spec.EllipticCurve curve = key.getParams().getCurve();
        BigInteger p = ((java.security.spec.ECFieldFp) curve.getField()).getP();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }
}
