package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.gateway.GatewayPolicies;
import org.junit.jupiter.api.Test;

class FilterConfParserTest {

    private final FilterConfParser parser = new FilterConfParser(GatewayPolicies.shared()::acquire);

    private String problemOf(String value) {
        FilterConf conf = parser.parse(value);
        assertThat(conf).isInstanceOf(FilterConf.Invalid.class);
        return ((FilterConf.Invalid) conf).problem();
    }

    @Test
    void buildsACorePolicyFromCoreSettingNames() {
        FilterConf conf = parser.parse("{\"issuer\":\"https://idp.example/\",\"jwks_uri\":\"http://127.0.0.1:1/jwks\","
                + "\"audiences\":[\"api\"],\"clock_skew_seconds\":30,\"forward_claims\":{\"sub\":\"X-User-Id\"}}");

        assertThat(conf).isInstanceOf(FilterConf.Valid.class);
        assertThat(((FilterConf.Valid) conf).policy().config().stringList(dev.jwkgate.config.Setting.AUDIENCES))
                .containsExactly("api");
    }

    @Test
    void namesAnUnknownSetting() {
        assertThat(problemOf("{\"issuer\":\"https://idp.example/\",\"jwks_uri\":\"https://idp.example/jwks\","
                + "\"audience\":\"api\"}")).contains("audience: unknown setting");
    }

    @Test
    void refusesKongConsumerSettingsSinceAnApisixRunnerPluginCannotSetAConsumer() {
        String problem = problemOf("{\"issuer\":\"https://idp.example/\",\"jwks_uri\":\"https://idp.example/jwks\","
                + "\"anonymous\":\"guest\",\"consumer_claim\":[\"sub\"]}");
        assertThat(problem).contains("anonymous: a Kong setting (consumers)").contains("consumer_claim: a Kong setting");
    }

    @Test
    void namesASettingOfTheWrongType() {
        assertThat(problemOf("{\"issuer\":\"https://idp.example/\",\"jwks_uri\":\"https://idp.example/jwks\","
                + "\"audiences\":\"api\"}")).startsWith("audiences:");
    }

    @Test
    void namesAMissingKeySource() {
        assertThat(problemOf("{\"issuer\":\"https://idp.example/\"}")).contains("jwks_uri");
    }

    @Test
    void refusesTextThatIsNotJsonWithoutQuotingIt() {
        assertThat(problemOf("{\"hmac_secrets\": {\"k1\": \"c2VjcmV0"))
                .startsWith("conf value:").doesNotContain("c2VjcmV0");
    }

    @Test
    void refusesAJsonArray() {
        assertThat(problemOf("[\"issuer\"]")).startsWith("conf value:");
    }

    @Test
    void refusesARepeatedSetting() {
        assertThat(problemOf("{\"issuer\":\"https://a.example/\",\"issuer\":\"https://b.example/\","
                + "\"jwks_uri\":\"https://a.example/jwks\"}")).startsWith("conf value:");
    }

    @Test
    void refusesAnEmptyOrMissingValue() {
        assertThat(problemOf("  ")).startsWith("conf value: empty");
        assertThat(problemOf(null)).startsWith("conf value: empty");
    }

    @Test
    void refusesDeeplyNestedJsonBeforeParsingIt() {
        assertThat(problemOf("{\"issuer\":" + "[".repeat(50) + "]".repeat(50) + "}")).contains("nested deeper");
    }

    @Test
    void turnsAnyOtherCoreFailureIntoARefusal() {
        FilterConfParser failing = new FilterConfParser(settings -> {
            throw new IllegalStateException("boom");
        });

        assertThat(failing.parse("{}")).isInstanceOf(FilterConf.Invalid.class);
    }

    @Test
    void trustsAdditionalIssuersAndRefusesAnyOtherAsUnknownIssuer() {
        FilterConf conf = parser.parse("{\"issuer\":\"https://idp.example/realms/a\",\"jwks_uri\":\"http://127.0.0.1:1/a\","
                + "\"additional_issuers\":{\"https://idp.example/realms/b\":\"http://127.0.0.1:1/b\"}}");
        assertThat(conf).isInstanceOf(FilterConf.Valid.class);
        String otherRealm = b64("{\"alg\":\"RS256\",\"kid\":\"k\"}") + "." + b64("{\"iss\":\"https://idp.example/realms/c\"}")
                + "." + b64("sig");
        assertThat(((FilterConf.Valid) conf).policy().validator().validate(otherRealm).reason())
                .isEqualTo(dev.jwkgate.result.ReasonCode.UNKNOWN_ISSUER);
    }

    @Test
    void namesAnAdditionalIssuerWhoseKeySourceBreaksTheUrlRules() {
        assertThat(problemOf("{\"issuer\":\"https://idp.example/realms/a\",\"jwks_uri\":\"https://idp.example/a\","
                + "\"additional_issuers\":{\"https://idp.example/realms/b\":\"ftp://idp.example/b\"}}"))
                .contains("additional_issuers (JWKS URL of issuer 'https://idp.example/realms/b')");
    }

    private static String b64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
