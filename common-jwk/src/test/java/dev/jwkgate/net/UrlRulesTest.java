package dev.jwkgate.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs may be fetched over plain HTTP without {@code allow_http}: loopback hosts only, decided by exact form. */
class UrlRulesTest {

    private static final String PLAIN_HTTP_REFUSED =
            "jwks_uri: plain http is only allowed for loopback hosts unless allow_http is true";

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/jwks",
            "http://127.0.0.1:8080/jwks",
            "http://127.255.255.254/jwks",
            "http://127.1.2.3/jwks",
            "http://localhost/jwks",
            "http://localhost:8080/jwks",
            "http://LocalHost/jwks",
            "http://[::1]/jwks",
            "http://[::1]:8080/jwks",
            "http://[0:0:0:0:0:0:0:1]/jwks",
            "http://[0000:0000:0000:0000:0000:0000:0000:0001]/jwks",
            "http://[::0:1]/jwks",
            "http://[::ffff:127.0.0.1]/jwks",
            "http://[::ffff:7f00:1]/jwks"})
    void acceptsPlainHttpToEverySpellingOfALoopbackAddress(String url) {
        assertThat(UrlRules.check("jwks_uri", url, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.attacker.example/jwks",
            "http://127.0.0.1.nip.io/jwks",
            "http://127.0.0.1.attacker.example/jwks",
            "http://localhost.attacker.example/jwks",
            "http://localhost./jwks",
            "http://localhost.localdomain/jwks",
            "http://keys.localhost/jwks",
            "http://localhostattacker.example/jwks",
            "http://127.000.000.001/jwks",
            "http://0177.0.0.1/jwks",
            "http://2130706433/jwks",
            "http://0.0.0.0/jwks",
            "http://[::127.0.0.1]/jwks",
            "http://[::2]/jwks",
            "http://[::1%25lo]/jwks",
            "http://[::1%lo]/jwks",
            "http://127.0.0.1@keys.example.com/jwks"})
    void refusesPlainHttpToHostsThatOnlyLookLikeLoopback(String url) {
        assertThat(UrlRules.check("jwks_uri", url, false)).contains(PLAIN_HTTP_REFUSED);
    }

    @Test
    void foldsOnlyAsciiLettersWhenComparingWithLocalhost() {
        assertThat(UrlRules.isLoopback("LOCALHOST")).isTrue();
        assertThat(UrlRules.isLoopback("localho\u017ft")).isFalse(); // U+017F folds to 's' in equalsIgnoreCase
    }

    @Test
    void allowHttpStillAcceptsAHostThatOnlyLooksLikeLoopback() {
        assertThat(UrlRules.check("jwks_uri", "http://127.attacker.example/jwks", true)).isEmpty();
    }

    @Test
    void acceptsHttpsToAnyHost() {
        assertThat(UrlRules.check("jwks_uri", "https://127.attacker.example/jwks", false)).isEmpty();
    }
}
