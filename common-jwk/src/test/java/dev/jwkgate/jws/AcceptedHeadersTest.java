package dev.jwkgate.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.json.StrictJson;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A remembered header verdict is exactly the verdict the parser and the policy would give the same segment again. */
class AcceptedHeadersTest {

    private final CompactJwsParser parser = new CompactJwsParser(16_384, 2_048, new StrictJson(16));
    private final AcceptedHeaders accepted = new AcceptedHeaders(
            new HeaderPolicy(List.of("HS256", "RS256"), List.of(), null, 256, false));

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A token of this header text; the signature is never checked here. */
    private static String token(String header) {
        return b64(header) + "." + b64("{\"iss\":\"https://issuer.example\"}") + "." + b64("s".repeat(32));
    }

    private static String withKid(String kid) {
        return token("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
    }

    private JwsHeader check(String token) throws TokenRefusedException {
        return accepted.check(parser.parse(token, accepted));
    }

    @Test
    void readsAHeaderTheFirstTimeItIsSeen() throws Exception {
        CompactJws jws = parser.parse(withKid("k1"), accepted);
        assertThat(jws.acceptedHeader()).isNull();
        assertThat(jws.header()).containsEntry("kid", "k1");
    }

    @Test
    void skipsDecodingAndReadingAnAcceptedHeaderSeenBefore() throws Exception {
        JwsHeader first = check(withKid("k1"));
        CompactJws again = parser.parse(withKid("k1"), accepted);
        assertThat(again.header()).isNull();
        assertThat(again.acceptedHeader()).isSameAs(first);
        assertThat(accepted.check(again)).isEqualTo(new JwsHeader(JwsAlgorithm.byName("HS256").orElseThrow(), "k1"));
    }

    @Test
    void givesTheVerdictThePolicyGivesWithoutTheCache() throws Exception {
        HeaderPolicy policy = new HeaderPolicy(List.of("HS256", "RS256"), List.of(), null, 256, false);
        for (String kid : List.of("k1", "k2", "k1", "key-2025", "k2")) {
            String token = withKid(kid);
            assertThat(check(token)).isEqualTo(policy.check(parser.parse(token).header()));
        }
    }

    @Test
    void keepsHeadersApartThatShareAPrefix() throws Exception {
        assertThat(check(withKid("k1")).keyId()).isEqualTo("k1");
        assertThat(check(withKid("k10")).keyId()).isEqualTo("k10");
        assertThat(check(withKid("k1")).keyId()).isEqualTo("k1");
        assertThat(check(withKid("k10")).keyId()).isEqualTo("k10");
    }

    @Test
    void keepsHeadersApartThatDifferOnlyBeforeTheirLastEightCharacters() throws Exception {
        String rs = token("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
        String hs = token("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
        assertThat(check(rs).algorithm().jwsName()).isEqualTo("RS256");
        assertThat(check(hs).algorithm().jwsName()).isEqualTo("HS256");
        assertThat(check(rs).algorithm().jwsName()).isEqualTo("RS256");
    }

    @Test
    void aRefusedHeaderStaysRefused() {
        String none = token("{\"alg\":\"none\",\"kid\":\"k1\"}");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> check(none)).isInstanceOf(TokenRefusedException.class)
                    .satisfies(e -> assertThat(((TokenRefusedException) e).refusal().reason())
                            .isEqualTo(ReasonCode.UNSUPPORTED_ALGORITHM));
        }
    }

    @Test
    void neverRemembersARefusedHeader() throws Exception {
        String forbidden = token("{\"alg\":\"HS256\",\"kid\":\"k1\",\"jku\":\"https://evil.example/jwks\"}");
        assertThatThrownBy(() -> check(forbidden)).isInstanceOf(TokenRefusedException.class);
        assertThat(parser.parse(forbidden, accepted).acceptedHeader()).isNull();
    }

    @Test
    void stillChecksTheOtherSegmentsOfATokenWithARememberedHeader() throws Exception {
        check(withKid("k1"));
        String header = withKid("k1").substring(0, withKid("k1").indexOf('.'));
        assertThatThrownBy(() -> parser.parse(header + ".e30=." + b64("s"), accepted))
                .isInstanceOf(TokenRefusedException.class).hasMessageContaining("payload");
        assertThatThrownBy(() -> parser.parse(header + ".e30.not+base64url", accepted))
                .isInstanceOf(TokenRefusedException.class).hasMessageContaining("signature");
    }

    @Test
    void staysBoundedAndRightWhenMoreHeadersArriveThanItHasSlots() throws Exception {
        int distinct = AcceptedHeaders.SLOTS * 8;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < distinct; i++) {
                assertThat(check(withKid("kid-" + i)).keyId()).isEqualTo("kid-" + i);
            }
        }
        assertThat(accepted.remembered()).isLessThanOrEqualTo(AcceptedHeaders.SLOTS);
    }

    @Test
    void givesEveryThreadTheHeaderOfItsOwnToken() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        String kid = "k" + ((i + offset) % 80);
                        if (!check(withKid(kid)).keyId().equals(kid)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
