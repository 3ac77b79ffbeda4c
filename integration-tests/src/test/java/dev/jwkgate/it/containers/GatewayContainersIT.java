package dev.jwkgate.it.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.MountableFile;

/**
 * The official images with jwkgate inside: Keycloak 26.5 with the provider in {@code /opt/keycloak/providers},
 * APISIX 3.18.0-debian with a JRE and the runner jar, Kong 3.9.1 with a JRE and the plugin server (images derived
 * from the adapters' Dockerfiles). Real HTTP from the test to each gateway, which proxies to an echo upstream.
 * Run with {@code -Pcontainers}; skipped (saying why) without a Docker engine.
 */
@RequiresDocker
class GatewayContainersIT {

    private static final String ISSUER = "http://keycloak:8080/realms/ct";
    private static final Path ROOT = Path.of(System.getProperty("jwkgate.project.dir", ".."));
    private static final Path CONFIG = ROOT.resolve("integration-tests/src/test/resources/containers");

    private static Network network;
    private static GenericContainer<?> keycloak;
    private static GenericContainer<?> echo;
    private static GenericContainer<?> apisix;
    private static GenericContainer<?> kong;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    @SuppressWarnings("resource")
    static void startTheStack() {
        network = Network.newNetwork();
        keycloak = new GenericContainer<>("quay.io/keycloak/keycloak:26.5.6")
                .withNetwork(network).withNetworkAliases("keycloak")
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin").withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-ct-password")
                .withCopyFileToContainer(MountableFile.forHostPath(System.getProperty("jwkgate.kc.providerJar")),
                        "/opt/keycloak/providers/jwkgate-keycloak-provider.jar")
                .withCopyFileToContainer(MountableFile.forHostPath(CONFIG.resolve("ct-realm.json")),
                        "/opt/keycloak/data/import/ct-realm.json")
                .withCommand("start-dev", "--import-realm", "--hostname=http://keycloak:8080",
                        "--spi-keys--jwkgate-rotating--check-interval-seconds=1")
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/realms/ct/.well-known/openid-configuration").forPort(8080)
                        .withStartupTimeout(Duration.ofMinutes(5)));
        echo = new GenericContainer<>("mendhak/http-https-echo:31").withNetwork(network).withNetworkAliases("echo")
                .withEnv("HTTP_PORT", "8080");
        Path apisixModule = ROOT.resolve("apisix-plugin");
        apisix = new GenericContainer<>(new ImageFromDockerfile("jwkgate-apisix-ct", false)
                .withFileFromPath("docker/Dockerfile", apisixModule.resolve("docker/Dockerfile"))
                .withFileFromPath("docker/config.yaml", apisixModule.resolve("docker/config.yaml"))
                .withFileFromPath("docker/apisix.yaml", CONFIG.resolve("apisix.yaml"))
                .withFileFromPath("target/apisix-plugin-0.1.0-SNAPSHOT-runner.jar", Path.of(System.getProperty("jwkgate.apisix.runnerJar")))
                .withFileFromPath("target/dist/jwkgate-cds", ROOT.resolve("dist/jwkgate-cds"))
                .withDockerfilePath("docker/Dockerfile"))
                .withNetwork(network).withExposedPorts(9080)
                .waitingFor(Wait.forHttp("/orders/1").forPort(9080).forStatusCode(401).withStartupTimeout(Duration.ofMinutes(3)));
        Path kongModule = ROOT.resolve("kong-plugin");
        kong = new GenericContainer<>(new ImageFromDockerfile("jwkgate-kong-ct", false)
                .withFileFromPath("docker/Dockerfile", kongModule.resolve("docker/Dockerfile"))
                .withFileFromPath("target/kong-plugin-0.1.0-SNAPSHOT-server.jar", Path.of(System.getProperty("jwkgate.kong.jar")))
                .withFileFromPath("target/dist/jwkgate", kongModule.resolve("src/main/dist/jwkgate"))
                .withFileFromPath("target/dist/jwkgate-cds", ROOT.resolve("dist/jwkgate-cds"))
                .withDockerfilePath("docker/Dockerfile"))
                .withNetwork(network).withExposedPorts(8000)
                .withEnv("KONG_DATABASE", "off").withEnv("KONG_DECLARATIVE_CONFIG", "/kong/kong.yml")
                .withEnv("KONG_PROXY_LISTEN", "0.0.0.0:8000")
                .withCopyFileToContainer(MountableFile.forHostPath(CONFIG.resolve("kong.yml")), "/kong/kong.yml")
                .waitingFor(Wait.forHttp("/orders/1").forPort(8000).forStatusCode(401).withStartupTimeout(Duration.ofMinutes(3)));
        keycloak.start();
        echo.start();
        apisix.start();
        kong.start();
    }

    @AfterAll
    static void stopTheStack() {
        for (GenericContainer<?> c : new GenericContainer<?>[] {kong, apisix, echo, keycloak}) {
            if (c != null) {
                c.stop();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aValidKeycloakTokenReachesTheUpstreamThroughBothGatewaysWithTheSubjectForwarded() throws Exception {
        String token = token();
        for (String gateway : new String[] {apisixUrl(), kongUrl()}) {
            HttpResponse<String> response = get(gateway + "/orders/1", token);
            assertThat(response.statusCode()).as(gateway).isEqualTo(200);
            assertThat(response.body()).as("the echo of the upstream request").containsIgnoringCase("x-user-id");
        }
    }

    @Test
    void aTamperedTokenIsRefusedByBothGatewaysWithTheSameReason() throws Exception {
        String[] parts = token().split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        HttpResponse<String> viaApisix = get(apisixUrl() + "/orders/1", tampered);
        HttpResponse<String> viaKong = get(kongUrl() + "/orders/1", tampered);
        assertThat(viaApisix.statusCode()).isEqualTo(401);
        assertThat(viaKong.statusCode()).isEqualTo(401);
        assertThat(reason(viaKong.body())).isEqualTo(reason(viaApisix.body())).isEqualTo("bad_signature");
    }

    @Test
    void requestsAcrossTwoRotationsAreNeverRefused() throws Exception {
        Set<String> kids = new LinkedHashSet<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        int requests = 0;
        while (kids.size() < 3 && Instant.now().isBefore(deadline)) {
            String token = token();
            kids.add(kid(token));
            for (String gateway : new String[] {apisixUrl(), kongUrl()}) {
                HttpResponse<String> response = get(gateway + "/orders/1", token);
                requests++;
                assertThat(response.statusCode()).as(gateway + " with a token of " + kid(token)).isEqualTo(200);
            }
        }
        System.out.println("container rotation run: " + requests + " requests, signing keys " + kids);
        assertThat(kids).hasSizeGreaterThanOrEqualTo(3);
    }

    private String apisixUrl() {
        return "http://" + apisix.getHost() + ":" + apisix.getMappedPort(9080);
    }

    private String kongUrl() {
        return "http://" + kong.getHost() + ":" + kong.getMappedPort(8000);
    }

    private String token() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=ct-client&client_secret="
                + URLEncoder.encode("ct-secret", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + keycloak.getHost() + ":"
                        + keycloak.getMappedPort(8080) + "/realms/ct/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String reason(String body) {
        Matcher m = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : body;
    }

    private static String kid(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"").matcher(header);
        return m.find() ? m.group(1) : "";
    }
}
