package dev.jwkgate.keys;

import dev.jwkgate.keys.support.TestKeys;
import dev.jwkgate.support.RfcVectors;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JWKS ingestion against the JWKs printed in RFC 7517, RFC 7520 and RFC 8037. */
class KeyIngestionVectorsTest {

    private final KeyIngestionPolicy policy = new KeyIngestionPolicy(65_536, 100);

    private IngestedKeySet ingest(String jwks, KeyOrigin origin) throws KeySetRejectedException {
        return policy.ingest(jwks, origin, Instant.EPOCH);
    }

    private IngestedKeySet ingestSingle(String vectorFile, KeyOrigin origin) throws KeySetRejectedException {
        return ingest("{\"keys\":[" + RfcVectors.read(vectorFile) + "]}", origin);
    }

    @Test
    void rfc7517A1AcceptsTheRsaKeyAndRefusesTheEncryptionEcKey() throws Exception {
        IngestedKeySet result = ingest(RfcVectors.read("latchset/rfc7517_A.1.jwkset"), KeyOrigin.REMOTE);

        assertThat(result.keys().keyIds()).containsExactly("2011-04-29");
        assertThat(result.keys().withKeyId("2011-04-29").get(0).algorithms()).containsExactly("RS256");
        assertThat(result.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.keyId()).isEqualTo("1");
            assertThat(refusal.why()).contains("use is 'enc'");
            assertThat(refusal.leak()).isFalse();
        });
    }

    @Test
    void rfc7517A2PrivateKeysInARemoteSetAreLeaks() throws Exception {
        IngestedKeySet result = ingest(RfcVectors.read("latchset/rfc7517_A.2.jwkset"), KeyOrigin.REMOTE);

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).hasSize(2).allSatisfy(refusal -> assertThat(refusal.leak()).isTrue());
    }

    @Test
    void rfc7517A2PrivateKeysInALocalSetAreRefusedWithoutLeak() throws Exception {
        IngestedKeySet result = ingest(RfcVectors.read("latchset/rfc7517_A.2.jwkset"), KeyOrigin.LOCAL);

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).hasSize(2).allSatisfy(refusal -> {
            assertThat(refusal.leak()).isFalse();
            assertThat(refusal.why()).contains("publish only the public part");
        });
    }

    @Test
    void rfc7517A3SymmetricKeysInARemoteSetAreLeaks() throws Exception {
        IngestedKeySet result = ingest(RfcVectors.read("latchset/rfc7517_A.3.jwkset"), KeyOrigin.REMOTE);

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).hasSize(2).allSatisfy(refusal -> {
            assertThat(refusal.leak()).isTrue();
            assertThat(refusal.kty()).isEqualTo("oct");
        });
    }

    @Test
    void rfc7517BKeyWithX5cIsAcceptedAndTheChainIgnored() throws Exception {
        Map<String, Object> jwk = TestKeys.parse(RfcVectors.read("latchset/rfc7517_B.jwk"));
        assertThat(jwk).containsKey("x5c");

        IngestedKeySet result = ingestSingle("latchset/rfc7517_B.jwk", KeyOrigin.REMOTE);

        jwk.remove("x5c");
        assertThat(result.refusals()).isEmpty();
        assertThat(result.keys().withKeyId("1b94c")).singleElement()
                .extracting(TrustedKey::thumbprint).isEqualTo(JwkThumbprint.of(TestKeys.json(jwk)));
    }

    @Test
    void rfc7520Section31EcPublicKeyIsAccepted() throws Exception {
        IngestedKeySet result = ingestSingle("latchset/rfc7520_3.1.jwk", KeyOrigin.REMOTE);

        assertThat(result.refusals()).isEmpty();
        TrustedKey key = result.keys().keys().get(0);
        assertThat(key.curve()).isEqualTo("P-521");
        assertThat(key.algorithms()).containsExactly("ES512");
    }

    @Test
    void rfc7520Section32EcPrivateKeyIsRefusedAsLeak() throws Exception {
        IngestedKeySet result = ingestSingle("latchset/rfc7520_3.2.jwk", KeyOrigin.REMOTE);

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.leak()).isTrue();
            assertThat(refusal.why()).contains("(d)");
        });
    }

    @Test
    void rfc7520Section33RsaPublicKeyIsAccepted() throws Exception {
        IngestedKeySet result = ingestSingle("latchset/rfc7520_3.3.jwk", KeyOrigin.REMOTE);

        assertThat(result.refusals()).isEmpty();
        assertThat(result.keys().keys().get(0).algorithms()).contains("RS256", "PS384");
    }

    @Test
    void rfc7520Section34RsaPrivateKeyIsRefusedAsLeak() throws Exception {
        IngestedKeySet result = ingestSingle("latchset/rfc7520_3.4.jwk", KeyOrigin.REMOTE);

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.leak()).isTrue();
            assertThat(refusal.why()).contains("(d, p, q, dp, dq, qi)");
        });
    }

    @Test
    void rfc7520Section35HmacKeyIsRefusedAsLeak() throws Exception {
        IngestedKeySet result = ingestSingle("latchset/rfc7520_3.5.jwk", KeyOrigin.REMOTE);

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.leak()).isTrue();
            assertThat(refusal.kty()).isEqualTo("oct");
        });
    }

    @Test
    void rfc7520Section36AesEncryptionKeyIsRefused() throws Exception {
        IngestedKeySet result = ingestSingle("latchset/rfc7520_3.6.jwk", KeyOrigin.LOCAL);

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.leak()).isFalse();
            assertThat(refusal.kty()).isEqualTo("oct");
        });
    }

    @Test
    void rfc7520PublicKeysMayShareAKidAcrossKeyTypes() throws Exception {
        String set = "{\"keys\":[" + RfcVectors.read("latchset/rfc7520_3.1.jwk") + ","
                + RfcVectors.read("latchset/rfc7520_3.3.jwk") + "]}";

        IngestedKeySet result = ingest(set, KeyOrigin.REMOTE);

        assertThat(result.keys().withKeyId("bilbo.baggins@hobbiton.example")).hasSize(2);
    }

    @Test
    void rfc8037Ed25519PublicKeyIsAcceptedWithItsPrintedThumbprint() throws Exception {
        Map<String, Object> appendix = TestKeys.parse(RfcVectors.read("rfc8037/rfc8037_appendix_a_ed25519.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> publicKey = (Map<String, Object>) appendix.get("A.2_public_key");

        IngestedKeySet result = ingest(TestKeys.jwks(publicKey), KeyOrigin.REMOTE);

        assertThat(result.refusals()).isEmpty();
        assertThat(result.keys().keys()).singleElement()
                .extracting(TrustedKey::thumbprint).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }
}
