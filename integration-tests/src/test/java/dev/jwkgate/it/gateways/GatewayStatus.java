package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status port of a real gateway's Java process (the Kong plugin server's {@code --status-port}, the APISIX
 * runner's {@code jwkgate.status.port}): its {@code /metrics} and {@code /health/*}, and readers of the series the
 * real-gateway tests check.
 */
public final class GatewayStatus {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String gateway;
    private final int port;

    GatewayStatus(String gateway, int port) {
        this.gateway = gateway;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** A GET of {@code path} on the status port. */
    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code /metrics}, asserted to answer 200. */
    public String scrape() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).as(gateway + " /metrics").isEqualTo(200);
        return response.body();
    }

    /** {@code issuer}'s {@code jwkgate_validations_total}, keyed "outcome/reason". */
    public static Map<String, Double> validations(String text, String issuer) {
        Map<String, Double> found = new HashMap<>();
        Matcher line = Pattern.compile("^jwkgate_validations_total\\{issuer=\"" + Pattern.quote(issuer)
                + "\",outcome=\"([a-z]+)\",reason=\"([a-z_]+)\"} (\\S+)$", Pattern.MULTILINE).matcher(text);
        while (line.find()) {
            found.put(line.group(1) + "/" + line.group(2), Double.parseDouble(line.group(3)));
        }
        return found;
    }

    /** What {@code validations} counted between two scrapes: the series that moved, by how much. */
    public static Map<String, Integer> counted(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Integer> counted = new HashMap<>();
        after.forEach((series, value) -> {
            int delta = (int) Math.round(value - before.getOrDefault(series, 0.0));
            if (delta != 0) {
                counted.put(series, delta);
            }
        });
        return counted;
    }

    /** The state whose {@code jwkgate_key_source_health} series is 1 for {@code issuer}'s source, or null. */
    public static String health(String text, String issuer) {
        Matcher line = Pattern.compile("^jwkgate_key_source_health\\{issuer=\"" + Pattern.quote(issuer)
                + "\",source=\"[^\"]*\",state=\"([A-Z]+)\"} 1\\.0$", Pattern.MULTILINE).matcher(text);
        return line.find() ? line.group(1) : null;
    }

    /** The age of {@code issuer}'s key set ({@code jwkgate_key_source_last_success_age_seconds}). */
    public static double age(String text, String issuer) {
        Matcher line = Pattern.compile("^jwkgate_key_source_last_success_age_seconds\\{issuer=\"" + Pattern.quote(issuer)
                + "\",source=\"[^\"]*\"} (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertThat(line.find()).as("set age of " + issuer + " in\n" + text).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
