package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The README's deployment examples stay accepted by the core, so they cannot drift from the settings. */
class DeploymentExamplesTest {

    private static final Path DOCKER = Path.of("docker");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jwkgateEntryOf(Map<String, Object> plugins) {
        Map<String, Object> preReq = (Map<String, Object>) plugins.get("ext-plugin-pre-req");
        assertThat(preReq).containsEntry("allow_degradation", false);
        List<Map<String, Object>> conf = (List<Map<String, Object>>) preReq.get("conf");
        assertThat(conf).singleElement().satisfies(entry -> assertThat(entry).containsEntry("name", JwkGateFilter.NAME));
        return conf.get(0);
    }

    private static void assertAcceptedByTheCore(Object value) throws JoseException {
        assertThat(value).isInstanceOf(String.class); // APISIX's schema wants a JSON string, not an object
        Map<String, Object> settings = JsonUtil.parseJson((String) value);
        assertThatCode(() -> JwkGateConfig.fromMap(settings, ConfigProfile.GATEWAY)).doesNotThrowAnyException();
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminApiRouteCarriesAConfTheCoreAccepts() throws IOException, JoseException {
        Map<String, Object> route = JsonUtil.parseJson(Files.readString(DOCKER.resolve("route.json")));

        assertAcceptedByTheCore(jwkgateEntryOf((Map<String, Object>) route.get("plugins")).get("value"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void standaloneRouteCarriesAConfTheCoreAccepts() throws IOException, JoseException {
        Map<String, Object> file;
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve("apisix.yaml"))) {
            file = new Yaml().load(reader);
        }
        Map<String, Object> route = ((List<Map<String, Object>>) file.get("routes")).get(0);

        assertAcceptedByTheCore(jwkgateEntryOf((Map<String, Object>) route.get("plugins")).get("value"));
        assertThat(Files.readString(DOCKER.resolve("apisix.yaml")).strip()).endsWith("#END");
    }

    @Test
    @SuppressWarnings("unchecked")
    void apisixConfigStartsThePackagedRunnerThroughJwkgateCdsWithJavaByAbsolutePath() throws IOException {
        Map<String, Object> config;
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve("config.yaml"))) {
            config = new Yaml().load(reader);
        }
        List<String> cmd = (List<String>) ((Map<String, Object>) config.get("ext-plugin")).get("cmd");

        assertThat(cmd).startsWith("/bin/sh", "/usr/local/apisix/jwkgate/jwkgate-cds");
        assertThat(cmd.get(2)).as("java, by absolute path").startsWith("/").endsWith("/java");
        assertThat(cmd).containsSubsequence("-jar", "/usr/local/apisix/jwkgate/jwkgate-apisix-runner.jar");
        assertThat(Files.readString(DOCKER.resolve("Dockerfile")))
                .contains("/usr/local/apisix/jwkgate/jwkgate-apisix-runner.jar", "/usr/local/apisix/jwkgate/jwkgate-cds");
    }
}
