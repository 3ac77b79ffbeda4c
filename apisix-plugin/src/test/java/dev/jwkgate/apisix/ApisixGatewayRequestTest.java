package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.PeerRequest;
import org.junit.jupiter.api.Test;

class ApisixGatewayRequestTest {

    private static ApisixGatewayRequest seen(PeerRequest request) {
        return new ApisixGatewayRequest(RunnerCall.of(request).request);
    }

    @Test
    void seesEveryValueOfARepeatedHeaderInArrivalOrder() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/")
                .header("authorization", "Bearer first").header("authorization", "Bearer second"));

        assertThat(request.headerValues("authorization")).containsExactly("Bearer first", "Bearer second");
    }

    @Test
    void looksHeadersUpCaseInsensitively() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/").header("x-token", "abc"));

        assertThat(request.headerValues("X-Token")).containsExactly("abc");
    }

    @Test
    void doesNotMatchAHeaderWhoseNameOnlyStartsAlike() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/").header("authorization-extra", "x").header("authorizatio", "y"));

        assertThat(request.headerValues("authorization")).isEmpty();
    }

    @Test
    void neverMatchesANonAsciiName() {
        assertThat(seen(PeerRequest.get("/").header("x-tökén", "v")).headerValues("x-tökén")).isEmpty();
    }

    @Test
    void hasNoValuesForAnAbsentHeader() {
        assertThat(seen(PeerRequest.get("/")).headerValues("authorization")).isEmpty();
    }

    @Test
    void givesTheFirstValueOfARepeatedQueryParameter() {
        ApisixGatewayRequest request = seen(PeerRequest.get("/").arg("access_token", "one").arg("access_token", "two"));

        assertThat(request.queryParam("access_token")).isEqualTo("one");
    }

    @Test
    void matchesQueryParameterNamesCaseSensitively() {
        assertThat(seen(PeerRequest.get("/").arg("Access_Token", "one")).queryParam("access_token")).isNull();
    }

    @Test
    void givesNoValueForAValuelessQueryParameter() {
        assertThat(seen(PeerRequest.get("/").arg("access_token", null)).queryParam("access_token")).isNull();
    }

    @Test
    void reportsTheMethodInUpperCase() {
        assertThat(seen(PeerRequest.of("OPTIONS", "/")).method()).isEqualTo("OPTIONS");
    }
}
