package dev.jwkgate.token;

import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.Setting;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step 3: the kid is an opaque key into the issuer's in-memory set, and the key decides the algorithm family. */
class KeySelectionTest {

    private final SigningKey rsa = SigningKey.rsa("k1");

    @Test
    void refusesRevokedKidEvenWhileTheSetStillHasIt() {
        Gate gate = Gate.withKeys(rsa).set(Setting.REVOKED_KIDS, List.of("k1"));
        gate.refuses(gate.token(rsa, "RS256").signedWith(rsa), ReasonCode.REVOKED_KEY);
        assertThat(gate.source.currentCalls).hasValue(0);
    }

    @Test
    void answersKeysUnavailableWhenTheSourceHasNoUsableSet() {
        Gate gate = Gate.withKeys(rsa);
        gate.source.setUnavailable(true);
        assertThat(gate.refuses(gate.token(rsa, "RS256").signedWith(rsa), ReasonCode.KEYS_UNAVAILABLE))
                .contains("test source is down");
    }

    @Test
    void findsAKeyThatAppearedAfterOneUnknownKidRefresh() {
        SigningKey rotated = SigningKey.ec("k2", "P-256");
        Gate gate = Gate.withKeys(rsa);
        gate.source.revealOnRefresh(rsa.trusted(), rotated.trusted());
        gate.accepts(gate.token(rotated, "ES256").signedWith(rotated));
        assertThat(gate.source.refreshCalls).hasValue(1);
    }

    @Test
    void refusesKidStillUnknownAfterTheRefresh() {
        Gate gate = Gate.withKeys(rsa);
        String message = gate.refuses(gate.token("RS256", "k9").signedWith(rsa), ReasonCode.UNKNOWN_KEY);
        assertThat(message).contains("'k9'");
        assertThat(gate.source.refreshCalls).hasValue(1);
    }

    @Test
    void refusesKidWhoseKeyDoesNotAllowTheAlgorithm() {
        SigningKey rs384Only = rsa.allowing("RS384");
        Gate gate = Gate.withKeys(rs384Only);
        String message = gate.refuses(gate.token(rs384Only, "RS256").signedWith(rsa), ReasonCode.KEY_ALGORITHM_MISMATCH);
        assertThat(message).contains("RS384");
    }

    @Test
    void picksTheKeyOfTheAlgorithmsFamilyAmongKeysSharingAKid() {
        SigningKey ec = SigningKey.ec("shared", "P-256");
        Gate gate = Gate.withKeys(rsa.withKid("shared"), ec);
        ValidationResult result = gate.validate(gate.token(ec, "ES256").signedWith(ec));
        assertThat(result.token().thumbprint()).isEqualTo(ec.trusted().thumbprint());
    }

    @Test
    void refusesRsaKeyShorterThan2048BitsWhateverItClaims() {
        SigningKey weak = SigningKey.rsa("weak", 1024, "rsa-1024");
        Gate gate = Gate.withKeys(weak);
        assertThat(gate.refuses(gate.token(weak, "RS256").signedWith(weak), ReasonCode.KEY_ALGORITHM_MISMATCH))
                .contains("1024 bits");
    }

    @Test
    void refusesEcKeyOnAnotherCurveThanTheAlgorithmNeeds() {
        SigningKey p384 = SigningKey.ec("p384", "P-384").allowing("ES256");
        Gate gate = Gate.withKeys(p384);
        assertThat(gate.refuses(gate.token(p384, "ES256").signedWith(p384), ReasonCode.KEY_ALGORITHM_MISMATCH))
                .contains("P-256");
    }

    @Test
    void acceptsTokenWithoutKidWhenAllowedByTryingKeysThatFitTheAlgorithm() {
        SigningKey ec = SigningKey.ec("e1", "P-256");
        Gate gate = Gate.withKeys(ec, rsa).set(Setting.ALLOW_MISSING_KID, true);
        ValidationResult result = gate.validate(gate.token("RS256", null).signedWith(rsa));
        assertThat(result.token().keyId()).isEqualTo("k1");
    }

    @Test
    void triesAtMostThreeKeysWithoutKid() {
        SigningKey signer = SigningKey.ed("signer", "Ed25519");
        Gate gate = Gate.withKeys(SigningKey.ed("d1", "Ed448"), SigningKey.ed("d2", "Ed448"),
                SigningKey.ed("d3", "Ed448"), signer).set(Setting.ALLOW_MISSING_KID, true);
        gate.refuses(gate.token("EdDSA", null).signedWith(signer), ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void findsTheSigningKeyAmongTheFirstThreeWithoutKid() {
        SigningKey signer = SigningKey.ed("signer", "Ed25519");
        Gate gate = Gate.withKeys(SigningKey.ed("d1", "Ed448"), SigningKey.ed("d2", "Ed448"), signer)
                .set(Setting.ALLOW_MISSING_KID, true);
        gate.accepts(gate.token("EdDSA", null).signedWith(signer));
    }

    @Test
    void skipsRevokedKeysWhenTheTokenHasNoKid() {
        Gate gate = Gate.withKeys(rsa).set(Setting.ALLOW_MISSING_KID, true).set(Setting.REVOKED_KIDS, List.of("k1"));
        gate.refuses(gate.token("RS256", null).signedWith(rsa), ReasonCode.UNKNOWN_KEY);
    }

    @Test
    void refusesTokenWithoutKidWhenNoKeyFitsTheAlgorithm() {
        Gate gate = Gate.withKeys(rsa).set(Setting.ALLOW_MISSING_KID, true);
        SigningKey ec = SigningKey.ec("e1", "P-256");
        gate.refuses(gate.token("ES256", null).signedWith(ec), ReasonCode.UNKNOWN_KEY);
    }

    @Test
    void neverRefreshesForATokenWithoutKid() {
        Gate gate = Gate.withKeys(rsa).set(Setting.ALLOW_MISSING_KID, true);
        gate.refuses(gate.token("ES256", null).signedWith(SigningKey.ec("e1", "P-256")), ReasonCode.UNKNOWN_KEY);
        assertThat(gate.source.refreshCalls).hasValue(0);
    }
}
