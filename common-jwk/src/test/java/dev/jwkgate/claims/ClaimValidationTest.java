package dev.jwkgate.claims;

import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.Jws;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.Setting;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 5: claims are read only after the signature verified, one named check each. */
class ClaimValidationTest {

    private static final SigningKey KEY = SigningKey.rsa("k1");
    private final Gate gate = Gate.withKeys(KEY);
    private final long now = Gate.NOW.getEpochSecond();

    private Jws token() {
        return gate.token(KEY, "RS256");
    }

    private String signed(Jws jws) {
        return jws.signedWith(KEY);
    }

    /** A payload given as raw JSON text, signed. */
    private String payload(String json) {
        return token().rawPayload(json).signedWith(KEY);
    }

    @Nested
    class Payload {

        @Test
        void refusesPayloadThatIsNotAJsonObject() {
            assertThat(gate.refuses(payload("[1,2]"), ReasonCode.MALFORMED)).contains("payload");
        }

        @Test
        void refusesPayloadWithADuplicateClaim() {
            gate.refuses(payload("{\"iss\":\"" + Gate.ISSUER + "\",\"sub\":\"alice\",\"sub\":\"admin\",\"exp\":" + (now + 60) + "}"),
                    ReasonCode.MALFORMED);
        }

        @Test
        void refusesPayloadNestedDeeperThanMaxJsonDepth() {
            gate.refuses(payload("{\"iss\":\"" + Gate.ISSUER + "\",\"exp\":" + (now + 60) + ",\"x\":" + "[".repeat(20) + "]".repeat(20) + "}"),
                    ReasonCode.TOO_LARGE);
        }

        @Test
        void leavesAPrivateClaimSetToNullOutOfTheVerifiedClaims() {
            ValidationResult result = gate.validate(signed(token().claim("nickname", null)));
            assertThat(result.token().claims()).doesNotContainKey("nickname");
        }

        @ParameterizedTest
        @ValueSource(strings = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti"})
        void refusesEveryRegisteredClaimSetToNullWhateverTheConfiguration(String claim) {
            gate.set(Setting.REQUIRE_EXPIRATION, false);
            String message = gate.refuses(signed(token().claim(claim, null)), ReasonCode.INVALID_CLAIM);
            assertThat(message).startsWith(claim + " is null");
        }

        @Test
        @SuppressWarnings("unchecked")
        void keepsNullsInsideArrays() {
            ValidationResult result = gate.validate(payload("{\"iss\":\"" + Gate.ISSUER + "\",\"exp\":" + (now + 60)
                    + ",\"groups\":[null,\"g\"]}"));
            assertThat((List<Object>) result.token().claim("groups").orElseThrow()).containsExactly(null, "g");
        }

        @Test
        void returnsClaimsThatCannotBeChangedByTheCaller() {
            ValidationResult result = gate.validate(signed(token().claim("roles", List.of("a", "b"))));
            @SuppressWarnings("unchecked")
            List<Object> roles = (List<Object>) result.token().claim("roles").orElseThrow();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> roles.add("admin"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Issuer {

        @Test
        void refusesAnotherIssuer() {
            String message = gate.refuses(signed(token().claim("iss", "https://other.example")), ReasonCode.WRONG_ISSUER);
            assertThat(message).contains("'https://other.example'").contains(Gate.ISSUER);
        }

        @Test
        void comparesIssuerByteForByte() {
            gate.refuses(signed(token().claim("iss", Gate.ISSUER + "/")), ReasonCode.WRONG_ISSUER);
        }

        @Test
        void refusesMissingIssuer() {
            gate.refuses(signed(token().noClaim("iss")), ReasonCode.MISSING_CLAIM);
        }

        @Test
        void refusesANullIssuerAsInvalidNotMissing() {
            gate.refuses(signed(token().claim("iss", null)), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesIssuerThatIsNotAString() {
            gate.refuses(signed(token().claim("iss", List.of(Gate.ISSUER))), ReasonCode.INVALID_CLAIM);
        }
    }

    @Nested
    class Audience {

        @Test
        void acceptsAudienceStringNamingAConfiguredAudience() {
            gate.config.audiences("api", "web");
            gate.accepts(signed(token().claim("aud", "web")));
        }

        @Test
        void acceptsAudienceArrayContainingAConfiguredAudience() {
            gate.config.audiences("api");
            gate.accepts(signed(token().claim("aud", List.of("other", "api"))));
        }

        @Test
        void refusesAudienceNamingNoConfiguredAudience() {
            gate.config.audiences("api");
            assertThat(gate.refuses(signed(token().claim("aud", List.of("other"))), ReasonCode.WRONG_AUDIENCE))
                    .contains("[api]");
        }

        @Test
        void refusesMissingAudienceWhenAudiencesAreConfigured() {
            gate.config.audiences("api");
            gate.refuses(signed(token()), ReasonCode.MISSING_CLAIM);
        }

        @Test
        void refusesANullAudienceAsInvalidNotMissing() {
            gate.config.audiences("api");
            gate.refuses(signed(token().claim("aud", null)), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesAudienceOfAnotherJsonType() {
            gate.config.audiences("api");
            gate.refuses(signed(token().claim("aud", 7)), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesAudienceArrayHoldingANonString() {
            gate.config.audiences("api");
            gate.refuses(signed(token().claim("aud", List.of("api", Map.of("x", 1)))), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void ignoresAudienceWhenNoneIsConfigured() {
            gate.accepts(signed(token().claim("aud", 7)));
        }
    }

    @Nested
    class Expiration {

        @Test
        void refusesMissingExpByDefault() {
            gate.refuses(signed(token().noClaim("exp")), ReasonCode.MISSING_CLAIM);
        }

        @Test
        void acceptsMissingExpWhenNotRequired() {
            gate.set(Setting.REQUIRE_EXPIRATION, false);
            gate.accepts(signed(token().noClaim("exp")));
        }

        @Test
        void refusesANullExpEvenWhenExpirationIsOptional() {
            gate.set(Setting.REQUIRE_EXPIRATION, false);
            gate.refuses(signed(token().claim("exp", null)), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesANullExpAsInvalidNotMissing() {
            gate.refuses(signed(token().claim("exp", null)), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesExpEqualToNowWithoutSkew() {
            gate.set(Setting.CLOCK_SKEW_SECONDS, 0);
            gate.refuses(signed(token().claim("exp", now)), ReasonCode.EXPIRED);
        }

        @Test
        void acceptsExpiredTokenWithinTheSkew() {
            gate.accepts(signed(token().claim("exp", now - 59)));
        }

        @Test
        void refusesTokenExpiredBeyondTheSkew() {
            gate.refuses(signed(token().claim("exp", now - 60)), ReasonCode.EXPIRED);
        }

        @Test
        void acceptsFractionalExp() {
            gate.set(Setting.CLOCK_SKEW_SECONDS, 0);
            gate.accepts(payload("{\"iss\":\"" + Gate.ISSUER + "\",\"exp\":" + now + ".5}"));
        }

        @Test
        void refusesFractionalExpJustPassed() {
            gate.set(Setting.CLOCK_SKEW_SECONDS, 0);
            gate.clock.advance(Duration.ofMillis(500));
            gate.refuses(payload("{\"iss\":\"" + Gate.ISSUER + "\",\"exp\":" + now + ".5}"), ReasonCode.EXPIRED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2099-01-01\"", "\"4102444800\"", "true", "[4102444800]", "{}", "1e400",
                "123456789012345678901234567890", "-1", "253402300800"})
        void refusesExpThatIsNotANumericDate(String exp) {
            gate.refuses(payload("{\"iss\":\"" + Gate.ISSUER + "\",\"exp\":" + exp + "}"), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void reportsExpAsTheVerifiedTokensExpiry() {
            ValidationResult result = gate.validate(signed(token().claim("exp", now + 100)));
            assertThat(result.token().expiresAt()).isEqualTo(Gate.NOW.plusSeconds(100));
        }
    }

    @Nested
    class NotBeforeAndIssuedAt {

        @Test
        void refusesNbfBeyondTheSkew() {
            gate.refuses(signed(token().claim("nbf", now + 61)), ReasonCode.NOT_YET_VALID);
        }

        @Test
        void acceptsNbfWithinTheSkew() {
            gate.accepts(signed(token().claim("nbf", now + 60)));
        }

        @Test
        void refusesANullNbf() {
            gate.refuses(signed(token().claim("nbf", null)), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesNbfThatIsNotANumber() {
            gate.refuses(signed(token().claim("nbf", "soon")), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesIatBeyondTheSkew() {
            gate.refuses(signed(token().claim("iat", now + 61)), ReasonCode.ISSUED_IN_FUTURE);
        }

        @Test
        void refusesANullIat() {
            gate.refuses(signed(token().claim("iat", null)), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesIatThatIsNotANumber() {
            gate.refuses(signed(token().claim("iat", false)), ReasonCode.INVALID_CLAIM);
        }
    }

    @Nested
    class AgeAndLifetime {

        @Test
        void refusesTokenOlderThanMaxTokenAgePlusSkew() {
            gate.set(Setting.MAX_TOKEN_AGE_SECONDS, 600);
            gate.refuses(signed(token().claim("iat", now - 661)), ReasonCode.TOO_OLD);
        }

        @Test
        void acceptsTokenWithinMaxTokenAgePlusSkew() {
            gate.set(Setting.MAX_TOKEN_AGE_SECONDS, 600);
            gate.accepts(signed(token().claim("iat", now - 660)));
        }

        @Test
        void requiresIatWhenMaxTokenAgeIsSet() {
            gate.set(Setting.MAX_TOKEN_AGE_SECONDS, 600);
            assertThat(gate.refuses(signed(token().noClaim("iat")), ReasonCode.MISSING_CLAIM)).contains("iat");
        }

        @Test
        void refusesLifetimeFromIatToExpAboveTheMaximum() {
            gate.set(Setting.MAX_TOKEN_LIFETIME_SECONDS, 3600);
            gate.refuses(signed(token().claim("iat", now - 10).claim("exp", now + 3591)), ReasonCode.LIFETIME_TOO_LONG);
        }

        @Test
        void acceptsLifetimeOfExactlyTheMaximum() {
            gate.set(Setting.MAX_TOKEN_LIFETIME_SECONDS, 3600);
            gate.accepts(signed(token().claim("iat", now - 10).claim("exp", now + 3590)));
        }

        @Test
        void measuresLifetimeFromNowWithoutIat() {
            gate.set(Setting.MAX_TOKEN_LIFETIME_SECONDS, 3600);
            gate.refuses(signed(token().noClaim("iat").claim("exp", now + 3601)), ReasonCode.LIFETIME_TOO_LONG);
        }

        @Test
        void requiresExpWhenMaxLifetimeIsSetEvenIfExpIsOtherwiseOptional() {
            gate.set(Setting.MAX_TOKEN_LIFETIME_SECONDS, 3600).set(Setting.REQUIRE_EXPIRATION, false);
            gate.refuses(signed(token().noClaim("exp")), ReasonCode.MISSING_CLAIM);
        }
    }

    @Nested
    class RequiredClaims {

        @Test
        void refusesTokenWithoutARequiredClaim() {
            gate.set(Setting.REQUIRED_CLAIMS, List.of("sub", "jti"));
            assertThat(gate.refuses(signed(token()), ReasonCode.MISSING_CLAIM)).contains("'jti'");
        }

        @Test
        void refusesARequiredClaimSetToNullAsInvalidNotMissing() {
            gate.set(Setting.REQUIRED_CLAIMS, List.of("tenant"));
            assertThat(gate.refuses(signed(token().claim("tenant", null)), ReasonCode.INVALID_CLAIM))
                    .contains("'tenant' is null");
        }

        @Test
        void acceptsTokenWithEveryRequiredClaim() {
            gate.set(Setting.REQUIRED_CLAIMS, List.of("sub", "jti"));
            gate.accepts(signed(token().claim("jti", "id-1")));
        }

        @Test
        void findsARequiredClaimNestedInAnObject() {
            gate.set(Setting.REQUIRED_CLAIMS, List.of("realm_access.roles"));
            gate.accepts(signed(token().claim("realm_access", Map.of("roles", List.of("offline_access")))));
            assertThat(gate.refuses(signed(token().claim("realm_access", Map.of())), ReasonCode.MISSING_CLAIM))
                    .contains("'realm_access.roles'");
        }

        @Test
        void refusesARequiredNestedClaimSetToNullAsInvalidNotMissing() {
            gate.set(Setting.REQUIRED_CLAIMS, List.of("realm_access.roles"));
            Map<String, Object> rolesNull = new HashMap<>();
            rolesNull.put("roles", null);
            assertThat(gate.refuses(signed(token().claim("realm_access", rolesNull)), ReasonCode.INVALID_CLAIM))
                    .contains("'realm_access.roles' is null");
            assertThat(gate.refuses(signed(token().claim("realm_access", null)), ReasonCode.INVALID_CLAIM))
                    .contains("'realm_access.roles' is null");
        }

        @Test
        void readsAnEscapedDotAsPartOfATopLevelClaimName() {
            gate.set(Setting.REQUIRED_CLAIMS, List.of("https://example\\.com/tenant"));
            gate.accepts(signed(token().claim("https://example.com/tenant", "t1")));
            gate.refuses(signed(token().claim("https://example", Map.of("com/tenant", "t1"))), ReasonCode.MISSING_CLAIM);
        }
    }

    @Nested
    class Scopes {

        @Test
        void acceptsScopesGrantedInSpaceSeparatedScope() {
            gate.config.requiredScopes("read", "write");
            gate.accepts(signed(token().claim("scope", "openid read  write")));
        }

        @Test
        void acceptsScopesGrantedInScpArray() {
            gate.config.requiredScopes("read", "write");
            gate.accepts(signed(token().claim("scp", List.of("write", "read"))));
        }

        @Test
        void acceptsScopesGrantedInScpString() {
            gate.config.requiredScopes("read");
            gate.accepts(signed(token().claim("scp", "read")));
        }

        @Test
        void refusesTokenMissingOneRequiredScope() {
            gate.config.requiredScopes("read", "write");
            assertThat(gate.refuses(signed(token().claim("scope", "read")), ReasonCode.INSUFFICIENT_SCOPE))
                    .contains("'write'");
        }

        @Test
        void doesNotReadAScopeAsAPrefixOfAnother() {
            gate.config.requiredScopes("read");
            gate.refuses(signed(token().claim("scope", "read:all readonly")), ReasonCode.INSUFFICIENT_SCOPE);
        }

        @Test
        void refusesTokenWithoutAnyScope() {
            gate.config.requiredScopes("read");
            gate.refuses(signed(token()), ReasonCode.INSUFFICIENT_SCOPE);
        }

        @Test
        void refusesANullScopeAsInvalid() {
            gate.config.requiredScopes("read");
            gate.refuses(signed(token().claim("scope", null).claim("scp", "read")), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesScopeOfAnotherJsonType() {
            gate.config.requiredScopes("read");
            gate.refuses(signed(token().claim("scope", List.of("read"))), ReasonCode.INVALID_CLAIM);
        }
    }

    @Nested
    class ClaimsAnyOf {

        @Test
        void acceptsClaimArrayContainingOneAcceptedValue() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("roles", List.of("llm-user", "admin")));
            gate.accepts(signed(token().claim("roles", List.of("viewer", "llm-user"))));
        }

        @Test
        void acceptsClaimStringEqualToAnAcceptedValue() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("tier", List.of("gold")));
            gate.accepts(signed(token().claim("tier", "gold")));
        }

        @Test
        void refusesClaimHoldingNoAcceptedValue() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("roles", List.of("llm-user")));
            gate.refuses(signed(token().claim("roles", List.of("viewer"))), ReasonCode.INSUFFICIENT_SCOPE);
        }

        @Test
        void namesAClaimSetToNullAsNullNotMissing() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("roles", List.of("llm-user")));
            assertThat(gate.refuses(signed(token().claim("roles", null)), ReasonCode.INSUFFICIENT_SCOPE))
                    .contains("'roles' is null");
        }

        @Test
        void refusesMissingClaimAsInsufficientScope() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("roles", List.of("llm-user")));
            assertThat(gate.refuses(signed(token()), ReasonCode.INSUFFICIENT_SCOPE)).contains("'roles' is missing");
        }

        /** Keycloak's access token: realm roles under realm_access.roles, client roles under resource_access. */
        private Jws keycloakToken(List<String> realmRoles, List<String> clientRoles) {
            return token().claim("azp", "llm-gateway").claim("typ", "Bearer")
                    .claim("realm_access", Map.of("roles", realmRoles))
                    .claim("resource_access", Map.of("llm-gateway", Map.of("roles", clientRoles),
                            "account", Map.of("roles", List.of("manage-account", "view-profile"))));
        }

        @Test
        void acceptsKeycloakRealmRoleAtItsNestedPath() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("realm_access.roles", List.of("llm-user")));
            gate.accepts(signed(keycloakToken(List.of("default-roles-tenant-a", "llm-user"), List.of())));
            gate.refuses(signed(keycloakToken(List.of("default-roles-tenant-a"), List.of("llm-user"))),
                    ReasonCode.INSUFFICIENT_SCOPE);
        }

        @Test
        void acceptsKeycloakClientRoleOfOneClientOnly() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("resource_access.llm-gateway.roles", List.of("chat")));
            gate.accepts(signed(keycloakToken(List.of(), List.of("chat"))));
            assertThat(gate.refuses(signed(keycloakToken(List.of("chat"), List.of("embed"))),
                    ReasonCode.INSUFFICIENT_SCOPE)).contains("'resource_access.llm-gateway.roles'");
        }

        @Test
        void findsNothingThroughAnArrayOrAScalar() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("realm_access.roles", List.of("llm-user")));
            gate.refuses(signed(token().claim("realm_access", List.of(Map.of("roles", List.of("llm-user"))))),
                    ReasonCode.INSUFFICIENT_SCOPE);
            gate.refuses(signed(token().claim("realm_access", "llm-user")), ReasonCode.INSUFFICIENT_SCOPE);
        }

        @Test
        void doesNotMistakeATopLevelClaimWithDotsForTheNestedOne() {
            gate.set(Setting.CLAIMS_ANY_OF, Map.of("realm_access.roles", List.of("llm-user")));
            gate.refuses(signed(token().claim("realm_access.roles", List.of("llm-user"))), ReasonCode.INSUFFICIENT_SCOPE);
        }
    }
}
