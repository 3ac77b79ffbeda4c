package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.kong.peer.KongDumpRules;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pluginserver_jwkgate_query_cmd = jwkgate -dump}, read the way Kong's process.lua reads it. */
class DumpIT {

    private static String stdout;
    private static int exitCode;

    @BeforeAll
    static void runDump() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", PluginServerProcess.launcher(), "-dump");
        builder.environment().put("JWKGATE_JAR", PluginServerProcess.jar());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        exitCode = process.exitValue();
    }

    @Test
    void exitsWithZero() {
        assertThat(exitCode).isZero();
    }

    @Test
    void stdoutIsExactlyOneJsonDocument() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try (JsonParser parser = json.createParser(stdout)) {
            assertThat(json.readTree(parser).isObject()).isTrue();
            assertThat(parser.nextToken()).as("anything after the JSON document").isNull();
        }
    }

    @Test
    void announcesTheProtobufProtocolAndTheJwkgatePluginInTheAccessPhase() throws Exception {
        JsonNode dump = new ObjectMapper().readTree(stdout);
        assertThat(dump.path("Protocol").asText()).isEqualTo("ProtoBuf:1");
        assertThat(dump.path("Plugins").path(0).path("Name").asText()).isEqualTo("jwkgate");
        assertThat(dump.path("Plugins").path(0).path("Phases").toString()).contains("\"access\"");
    }

    @Test
    void passesKongsDumpAndMetaschemaRules() throws Exception {
        assertThat(KongDumpRules.violations(new ObjectMapper().readTree(stdout), "jwkgate")).isEmpty();
    }

    @Test
    void exposesKongStyleSettingNames() throws Exception {
        JsonNode fields = new ObjectMapper().readTree(stdout)
                .path("Plugins").path(0).path("Schema").path("fields").path(0).path("config").path("fields");
        for (String name : new String[] {"header_names", "cookie_names", "run_on_preflight", "issuer",
                "audience_required",
                "forward_claims", "hide_credentials", "realm", "jwks_uri",
                "discovery", "algorithms"}) {
            assertThat(fields.findValue(name)).as(name).isNotNull();
        }
    }
}
