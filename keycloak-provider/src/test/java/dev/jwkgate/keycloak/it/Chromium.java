package dev.jwkgate.keycloak.it;

import dev.jwkgate.support.TestHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver HTTP protocol: just the few
 * commands the admin-console test needs, with no browser download and no extra library.
 */
public final class Chromium implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000");

    private final Process driver;
    private final String base;
    private final String session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Chromium(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    /** The Chromium binary: {@code -Djwkgate.chromium}, by default Debian's {@code /usr/bin/chromium}. */
    static Path binary() {
        return Path.of(System.getProperty("jwkgate.chromium", "/usr/bin/chromium"));
    }

    /** chromedriver: {@code -Djwkgate.chromedriver}, by default Debian's {@code /usr/bin/chromedriver}. */
    static Path driver() {
        return Path.of(System.getProperty("jwkgate.chromedriver", "/usr/bin/chromedriver"));
    }

    /** Whether both programs are there to run. */
    static boolean installed() {
        return Files.isExecutable(binary()) && Files.isExecutable(driver());
    }

    public static Chromium start(Path profileDir, Path driverLog) throws IOException, InterruptedException {
        int port = TestHost.freePort();
        Process driver = new ProcessBuilder(driver().toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(driverLog.toFile()).start();
        String base = "http://127.0.0.1:" + port;
        Chromium probe = new Chromium(driver, base, null);
        probe.awaitDriver();
        List<String> args = new java.util.ArrayList<>(FLAGS);
        args.add("--user-data-dir=" + Files.createDirectories(profileDir)); // a fresh profile every run
        Map<String, Object> capabilities = Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", binary().toString(), "args", args))));
        Map<String, Object> created = probe.call("POST", "/session", capabilities);
        return new Chromium(driver, base, (String) ((Map<?, ?>) created.get("value")).get("sessionId"));
    }

    public void open(String url) {
        command("POST", "/url", Map.of("url", url));
    }

    /** The address the page is at now (a single-page application changes it without loading a page). */
    public String currentUrl() {
        return (String) command("GET", "/url", null).get("value");
    }

    /** Waits for an element matching the CSS selector, then clicks it. */
    public void click(String css, Duration limit) {
        String element = await(css, limit);
        command("POST", "/element/" + element + "/click", Map.of());
    }

    public void type(String css, String text, Duration limit) {
        String element = await(css, limit);
        command("POST", "/element/" + element + "/value", Map.of("text", text));
    }

    /** Waits until the page's visible text contains every one of {@code texts}; returns the text. */
    public String awaitText(Duration limit, String... texts) {
        Instant deadline = Instant.now().plus(limit);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = visibleText();
            if (List.of(texts).stream().allMatch(body::contains)) {
                return body;
            }
            pause();
        }
        throw new AssertionError("page never showed all of " + List.of(texts) + "; it shows:\n" + body);
    }

    public String visibleText() {
        return (String) command("POST", "/execute/sync", Map.of("script", "return document.body.innerText", "args", List.of())).get("value");
    }

    /** The current values of every input and text area (innerText leaves them out). */
    public String inputValues() {
        return (String) command("POST", "/execute/sync", Map.of("script",
                "return Array.from(document.querySelectorAll('input,textarea')).map(e => e.value).join('\\n')",
                "args", List.of())).get("value");
    }

    /** Waits until some input or text area holds {@code value}. */
    public String awaitInputValue(Duration limit, String value) {
        Instant deadline = Instant.now().plus(limit);
        String values = "";
        while (Instant.now().isBefore(deadline)) {
            values = inputValues();
            if (values.contains(value)) {
                return values;
            }
            pause();
        }
        throw new AssertionError("no field ever held " + value + "; fields hold:\n" + values);
    }

    public void screenshot(Path png) throws IOException {
        String data = (String) command("GET", "/screenshot", null).get("value");
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    private String await(String css, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            Map<String, Object> found = call("POST", "/session/" + session + "/elements", Map.of("using", "css selector", "value", css));
            List<?> elements = (List<?>) found.get("value");
            if (!elements.isEmpty()) {
                return (String) ((Map<?, ?>) elements.get(0)).get(ELEMENT);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no element " + css + " within " + limit.toSeconds() + " s; page shows:\n" + visibleText());
            }
            pause();
        }
    }

    private void awaitDriver() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                Map<String, Object> status = call("GET", "/status", null);
                if (Boolean.TRUE.equals(((Map<?, ?>) status.get("value")).get("ready"))) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // chromedriver still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("chromedriver did not start");
    }

    private Map<String, Object> command(String method, String path, Map<String, ?> body) {
        return call(method, "/session/" + session + path, body);
    }

    private Map<String, Object> call(String method, String path, Map<String, ?> body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(body)));
        b.header("Content-Type", "application/json");
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return AdminApi.parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the browser session and chromedriver (and its Chromium). */
    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (RuntimeException ignored) {
            // the driver is stopped below either way
        } finally {
            driver.toHandle().descendants().forEach(ProcessHandle::destroy);
            driver.destroy();
        }
    }
}
