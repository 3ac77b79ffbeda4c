package dev.jwkgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwkgate check-config}: every problem of a Kong or APISIX configuration, before it is deployed. */
class CheckConfigCommandTest {

    private static final String GOOD_CORE = "{\\\"issuer\\\":\\\"https://idp.example\\\",\\\"jwks_uri\\\":\\\"https://idp.example/jwks\\\"}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String json, String... options) throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), json);
        String[] args = new String[options.length + 2];
        args[0] = "check-config";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return new JwkGateCli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String route(String... confs) {
        return "{\"uri\":\"/llm/*\",\"plugins\":{\"ext-plugin-pre-req\":{\"conf\":[" + String.join(",", confs) + "]}}}";
    }

    private static String conf(String name, String value) {
        return "{\"name\":\"" + name + "\",\"value\":\"" + value + "\"}";
    }

    @Test
    void acceptsAGoodApisixRoute() throws Exception {
        assertThat(check(route(conf("jwkgate", GOOD_CORE)))).isZero();
        assertThat(printed()).contains("ok: 1 configuration checked");
    }

    @Test
    void listsEveryProblemOfAnApisixConfNamingWhereItIs() throws Exception {
        String bad = "{\\\"issuer\\\":\\\"https://idp.example\\\",\\\"clock_skew_seconds\\\":900,\\\"audience\\\":\\\"api\\\"}";
        assertThat(check(route(conf("jwkgate", bad)))).isEqualTo(1);
        assertThat(printed()).contains("problem: ext-plugin-pre-req.conf[0].value: audience: unknown setting")
                .contains("clock_skew_seconds: 900 is outside [0, 300]")
                .contains("jwks_uri: one key source is required");
    }

    @Test
    void refusesAMisspelledOrRepeatedFilterBecauseTheRunnerWould() throws Exception {
        assertThat(check(route(conf("jwkgte", GOOD_CORE), conf("jwkgate", GOOD_CORE), conf("jwkgate", GOOD_CORE))))
                .isEqualTo(1);
        assertThat(printed()).contains("conf[0]: names filter 'jwkgte'").contains("conf[2]: names 'jwkgate' again");
    }

    @Test
    void refusesARouteThatNeverRunsTheFilter() throws Exception {
        assertThat(check("{\"uri\":\"/\",\"plugins\":{}}")).isEqualTo(1);
        assertThat(printed()).contains("nothing on this route runs jwkgate");
    }

    @Test
    void checksAKongPluginEntityInKongsNames() throws Exception {
        String kong = "{\"name\":\"jwkgate\",\"config\":{\"issuer\":\"https://idp.example\",\"discovery\":true,"
                + "\"leeway\":30,\"upstream_headers_claims\":[\"sub\"],\"upstream_headers_names\":[\"X-User\"],"
                + "\"clock_skew_seconds\":1000,\"jwks_uri\":null}}";
        assertThat(check(kong, "--kong")).isEqualTo(1);
        assertThat(printed()).contains("problem: leeway: unknown setting")
                .contains("problem: upstream_headers_claims: unknown setting");
    }

    @Test
    void namesACoreRefusalOfAKongConfigByItsKongName() throws Exception {
        String kong = "{\"issuer\":\"https://idp.example\",\"discovery\":true,\"audience_required\":[\"api\"],"
                + "\"forward_claims\":{\"realm_access..roles\":\"X-Roles\"}}";
        assertThat(check(kong, "--kong")).isEqualTo(1);
        assertThat(printed()).contains("problem: forward_claims: claim path 'realm_access..roles'");
    }

    @Test
    void checksOneApisixConfValue() throws Exception {
        assertThat(check("{\"issuer\":\"https://idp.example\",\"jwks_uri\":\"https://idp.example/jwks\"}",
                "--apisix-conf")).isZero();
    }

    @Test
    void refusesTextThatIsNotJsonWithExitOne() throws Exception {
        assertThat(check("{\"issuer\":")).isEqualTo(1);
        assertThat(printed()).startsWith("problem: the file is not one JSON object");
    }
}
