package dev.jwkgate.keys.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.JwkThumbprint;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratedKeysTest {

    private static final byte[] DATA = "payload".getBytes();

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"})
    void aStoredKeyDecodesToAPairThatSignsAndVerifies(String algorithm) throws Exception {
        ManagedKey key = new GeneratedKeys().publish(algorithm, Instant.EPOCH);
        KeyPair pair = GeneratedKeys.decode(key, java.util.Base64.getDecoder().decode(key.privateKey()));
        String jca = algorithm.startsWith("ES") ? "SHA256withECDSA" : algorithm.equals("EdDSA") ? "Ed25519" : "SHA256withRSA";
        Signature signer = Signature.getInstance(jca);
        signer.initSign(pair.getPrivate());
        signer.update(DATA);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(jca);
        verifier.initVerify(pair.getPublic());
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "EdDSA"})
    void theKidIsTheRfc7638ThumbprintOfThePublicKey(String algorithm) {
        ManagedKey key = new GeneratedKeys().publish(algorithm, Instant.EPOCH);
        assertThat(key.kid()).isEqualTo(JwkThumbprint.of(GeneratedKeys.decode(key, java.util.Base64.getDecoder().decode(key.privateKey())).getPublic())).hasSize(43);
        assertThat(key.phase()).isEqualTo(KeyPhase.PUBLISHED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256"})
    void toStringNeverShowsThePrivateKey(String algorithm) {
        ManagedKey key = new GeneratedKeys().publish(algorithm, Instant.EPOCH);
        assertThat(key.toString()).doesNotContain(key.privateKey());
    }
}
