package dev.jwkgate.jws;

import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.Jws;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.Setting;
import dev.jwkgate.result.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 2: the header alone decides whether a token may be checked; no key is looked up for a refused header. */
class HeaderPolicyTest {

    private final SigningKey key = SigningKey.rsa("k1");
    private final Gate gate = Gate.withKeys(key);
    private boolean expectKeyLookup;

    @AfterEach
    void noKeyLookupForARefusedHeader() {
        if (!expectKeyLookup) {
            assertThat(gate.source.currentCalls).as("key lookups").hasValue(0);
        }
    }

    private Jws token() {
        return gate.token(key, "RS256");
    }

    @Test
    void refusesHeaderWithoutAlg() {
        String token = Jws.header("RS256", "k1").rawHeader("{\"kid\":\"k1\"}").signedWith(key);
        assertThat(gate.refuses(token, ReasonCode.UNSUPPORTED_ALGORITHM)).contains("no alg");
    }

    @Test
    void refusesAlgThatIsNotAString() {
        String token = Jws.header("RS256", "k1").rawHeader("{\"alg\":[\"RS256\"],\"kid\":\"k1\"}").signedWith(key);
        gate.refuses(token, ReasonCode.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void refusesAlgOutsideTheAllowList() {
        gate.config.algorithms("RS256");
        gate.refuses(gate.token(key, "PS256").signedWith(key), ReasonCode.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void comparesAlgCaseSensitively() {
        String token = Jws.header("RS256", "k1").rawHeader("{\"alg\":\"rs256\",\"kid\":\"k1\"}").signedWith(key);
        gate.refuses(token, ReasonCode.UNSUPPORTED_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jku", "x5u", "jwk", "x5c", "b64"})
    void refusesHeaderThatCarriesKeyMaterialKeyLocationOrB64(String name) {
        String message = gate.refuses(token().with(name, "anything").signedWith(key), ReasonCode.FORBIDDEN_HEADER);
        assertThat(message).contains("'" + name + "'");
    }

    @Test
    void refusesCritThatIsNotAnArray() {
        gate.refuses(token().with("crit", "exp").signedWith(key), ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void refusesEmptyCrit() {
        gate.refuses(token().with("crit", List.of()).signedWith(key), ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void refusesCritListingANonString() {
        gate.set(Setting.SUPPORTED_CRITICAL_HEADERS, List.of("tenant"));
        gate.refuses(token().with("tenant", "t1").with("crit", List.of("tenant", 7)).signedWith(key),
                ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void refusesCritListingAHeaderTwice() {
        gate.set(Setting.SUPPORTED_CRITICAL_HEADERS, List.of("tenant"));
        gate.refuses(token().with("tenant", "t1").with("crit", List.of("tenant", "tenant")).signedWith(key),
                ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void refusesCritNamingAnUnsupportedExtension() {
        String message = gate.refuses(token().with("exp", 1).with("crit", List.of("exp")).signedWith(key),
                ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
        assertThat(message).contains("supported_critical_headers");
    }

    @Test
    void refusesCritNamingAHeaderTheTokenDoesNotCarry() {
        gate.set(Setting.SUPPORTED_CRITICAL_HEADERS, List.of("tenant"));
        gate.refuses(token().with("crit", List.of("tenant")).signedWith(key), ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void acceptsCritNamingASupportedExtensionThatIsPresent() {
        expectKeyLookup = true;
        gate.set(Setting.SUPPORTED_CRITICAL_HEADERS, List.of("tenant"));
        gate.accepts(token().with("tenant", "t1").with("crit", List.of("tenant")).signedWith(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"})
    void acceptsRequiredTypeInAnyCaseWithOrWithoutApplicationPrefix(String typ) {
        expectKeyLookup = true;
        gate.set(Setting.REQUIRED_TYPE, "at+jwt");
        gate.accepts(token().with("typ", typ).signedWith(key));
    }

    @Test
    void refusesOtherTypeWhenOneIsRequired() {
        gate.set(Setting.REQUIRED_TYPE, "at+jwt");
        String message = gate.refuses(token().with("typ", "JWT").signedWith(key), ReasonCode.WRONG_TYPE);
        assertThat(message).contains("'JWT'").contains("at+jwt");
    }

    @Test
    void refusesMissingTypeWhenOneIsRequired() {
        gate.set(Setting.REQUIRED_TYPE, "application/at+jwt");
        gate.refuses(token().signedWith(key), ReasonCode.WRONG_TYPE);
    }

    @Test
    void ignoresTypeWhenNoneIsRequired() {
        expectKeyLookup = true;
        gate.accepts(token().with("typ", "something/else").signedWith(key));
    }

    @Test
    void refusesKidThatIsNotAString() {
        gate.refuses(token().with("kid", 42).signedWith(key), ReasonCode.MALFORMED);
    }

    @Test
    void refusesKidThatIsJsonNull() {
        gate.refuses(token().with("kid", null).signedWith(key), ReasonCode.MALFORMED);
    }

    @Test
    void refusesKidLongerThanMaxKidLength() {
        gate.set(Setting.MAX_KID_LENGTH, 16);
        String message = gate.refuses(token().with("kid", "k".repeat(17)).signedWith(key), ReasonCode.TOO_LARGE);
        assertThat(message).contains("max_kid_length is 16");
    }

    @Test
    void refusesMissingKidUnlessAllowed() {
        gate.refuses(token().without("kid").signedWith(key), ReasonCode.MISSING_KEY_ID);
    }

    @Test
    void checksTheHeaderBeforeTheKeyEvenWhenTheKidIsUnknown() {
        gate.refuses(gate.token("RS256", "nobody-has-this").with("jku", "https://evil.example/jwks").signedWith(key),
                ReasonCode.FORBIDDEN_HEADER);
        assertThat(gate.source.refreshCalls).hasValue(0);
    }

    @Test
    void acceptsHeaderWithCrLfWhitespaceInsideTheJson() {
        expectKeyLookup = true;
        gate.accepts(token().rawHeader("{\"alg\":\"RS256\",\r\n \"kid\":\"k1\"}").signedWith(key));
    }

    @Test
    void refusalNamesTheRefusedHeaderValueButNotTheToken() {
        String token = token().with("typ", "JWT").signedWith(key);
        gate.set(Setting.REQUIRED_TYPE, "at+jwt");
        String message = gate.refuses(token, ReasonCode.WRONG_TYPE);
        assertThat(message).doesNotContain(token.split("\\.")[0]).doesNotContain(token.split("\\.")[2]);
    }
}
