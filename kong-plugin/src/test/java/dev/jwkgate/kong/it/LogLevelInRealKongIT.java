package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.gateways.GatewayInstall;
import dev.jwkgate.it.gateways.LoopbackPorts;
import dev.jwkgate.it.gateways.RealGateway;
import dev.jwkgate.it.gateways.RealKong;
import dev.jwkgate.it.gateways.RequiresRealGateways;
import dev.jwkgate.support.TestHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Kong 3.9.1 deployed as kong-plugin/README.md says: Kong at its default {@code log_level = notice}, the
 * plugin server logging into its own {@code --log-file}. At {@code info} nginx writes a refused duplicate header
 * line whole ("client sent duplicate header line: ..."), a second {@code Authorization}'s token included; at
 * {@code notice} it does not, and the server's lines are still kept, in its file.
 *
 * <p>Kong's proxy and Admin API on ports of the suite's range ({@link LoopbackPorts}); the route's upstream, another
 * port of the range, is never reached.
 */
@RequiresRealGateways
class LogLevelInRealKongIT {

    private static final String ISSUER = "https://idp.example/realms/log-level";

    private static TestKeys keys;
    private static RealKong kong;

    @BeforeAll
    static void startKong() throws Exception {
        keys = TestKeys.rsa("log-level-k1");
        int neverReached = LoopbackPorts.next();
        // RealKong deploys as the README says: log_level = notice, the plugin server's --log-file
        kong = RealKong.start(GatewayInstall.require(), RealGateway.scratchDirectory("jwkgate-kong-log-level-"),
                LoopbackPorts.next(), LoopbackPorts.next(), neverReached, Path.of(System.getProperty("jwkgate.kong.jar")),
                List.of(), List.of(), declarativeConfig(neverReached));
        kong.deleteDirectoryOnClose();
    }

    @AfterAll
    static void stopKong() throws Exception {
        if (kong != null) {
            kong.close();
        }
    }

    @Test
    void aTokenSentTwiceLeavesNoPartOfItInKongsErrorLog() throws Exception {
        String token = keys.sign(claims("twice", 300));

        String answer = send("Authorization: Bearer " + token, "Authorization: Bearer " + token);

        assertThat(answer).startsWith("HTTP/1.1 400");
        String errorLog = Files.readString(kong.errorLog(), StandardCharsets.ISO_8859_1);
        for (String part : token.split("\\.")) {
            assertThat(errorLog).as("Kong's error log").doesNotContain(part);
        }
        assertThat(errorLog).doesNotContain("duplicate header line");
    }

    @Test
    void thePluginServersStartAndAuditLinesGoToItsLogFileNotToKongsErrorLog() throws Exception {
        String expired = keys.sign(claims("expired", -3600));

        String answer = send("Authorization: Bearer " + expired);

        assertThat(answer).startsWith("HTTP/1.1 401");
        String serverLog = TestHost.awaitInFile(kong.serverLog(), "TOKEN_REFUSED");
        assertThat(serverLog).contains("listening on");
        assertThat(serverLog).doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
        assertThat(Files.readString(kong.errorLog(), StandardCharsets.ISO_8859_1))
                .as("Kong's error log at notice").doesNotContain("TOKEN_REFUSED").doesNotContain("listening on");
    }

    private static String claims(String subject, long expiresInSeconds) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"iat\":" + (now - 7200) + ",\"exp\":"
                + (now + expiresInSeconds) + "}";
    }

    /** One GET /orders with these header lines, written as they are (an HTTP client would merge or refuse them). */
    private static String send(String... headerLines) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), kong.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + String.join("\r\n", headerLines)
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }


    private static String declarativeConfig(int upstreamPort) {
        return String.join("\n",
                "_format_version: \"3.0\"",
                "services:",
                "  - name: never-reached",
                "    url: http://127.0.0.1:" + upstreamPort,
                "    routes:",
                "      - name: orders",
                "        paths: [\"/orders\"]",
                "        plugins:",
                "          - name: jwkgate",
                "            config:",
                "              issuer: " + ISSUER,
                "              jwks: '" + TestKeys.jwks(List.of(keys)) + "'",
                "");
    }
}
