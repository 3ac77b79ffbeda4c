package dev.jwkgate.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpRejectionTest {

    @Test
    void invalidTokenAnswers401WithBearerErrorAndRealm() {
        HttpRejection r = HttpRejection.of(ReasonCode.EXPIRED, "api");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"api\", error=\"invalid_token\"");
        assertThat(r.body()).isEqualTo("{\"message\":\"Unauthorized\",\"reason\":\"expired\"}");
        assertThat(r.contentType()).isEqualTo("application/json");
    }

    @Test
    void missingTokenAnswers401WithoutErrorCode() {
        // RFC 6750 §3.1: a request without credentials gets a challenge but no error code
        HttpRejection r = HttpRejection.of(ReasonCode.MISSING_TOKEN, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer");
    }

    @Test
    void insufficientScopeAnswers403() {
        HttpRejection r = HttpRejection.of(ReasonCode.INSUFFICIENT_SCOPE, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer error=\"insufficient_scope\"");
    }

    @Test
    void unavailableKeysAnswer503() {
        HttpRejection r = HttpRejection.of(ReasonCode.KEYS_UNAVAILABLE, "api");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("\"reason\":\"keys_unavailable\"");
    }

    @Test
    void internalErrorAnswers500WithoutChallenge() {
        HttpRejection r = HttpRejection.of(ReasonCode.INTERNAL_ERROR, "api");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.wwwAuthenticate()).isNull();
    }

    @Test
    void bodyHasTheGatewaysMessageShapeWithTheReasonBesideIt() {
        // Kong jwt answers {"message":"Unauthorized"}, APISIX jwt-auth {"message": ...}; the reason code is ours
        assertThat(HttpRejection.of(ReasonCode.MISSING_TOKEN, null).body())
                .isEqualTo("{\"message\":\"Unauthorized\",\"reason\":\"missing_token\"}");
        assertThat(HttpRejection.of(ReasonCode.INSUFFICIENT_SCOPE, null).body())
                .isEqualTo("{\"message\":\"Forbidden\",\"reason\":\"insufficient_scope\"}");
        assertThat(HttpRejection.of(ReasonCode.KEYS_UNAVAILABLE, null).body())
                .isEqualTo("{\"message\":\"Service Unavailable\",\"reason\":\"keys_unavailable\"}");
        assertThat(HttpRejection.internalError().body())
                .isEqualTo("{\"message\":\"An unexpected error occurred\",\"reason\":\"internal_error\"}");
    }

    @Test
    void realmIsQuotedSafely() {
        HttpRejection r = HttpRejection.of(ReasonCode.EXPIRED, "a\"b\\c\r\nd");
        assertThat(r.wwwAuthenticate()).startsWith("Bearer realm=\"a\\\"b\\\\cd\"");
    }

    @Test
    void reasonCodesAreUniqueSnakeCase() {
        Set<String> codes = new HashSet<>();
        Arrays.stream(ReasonCode.values()).forEach(rc -> {
            assertThat(rc.code()).matches("[a-z_]+");
            assertThat(codes.add(rc.code())).as(rc.code()).isTrue();
        });
    }
}
