package dev.jwkgate.demo.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP front as a transport: requests reach the gateway as sent, answers reach the client as given. */
class HttpFrontTest {

    private final AtomicReference<FrontRequest> received = new AtomicReference<>();
    private final AtomicReference<String> receivedRoute = new AtomicReference<>();
    private volatile RuntimeException failure;
    private final FrontResponse answer = new FrontResponse(401, List.of(
            new Header("WWW-Authenticate", "Bearer realm=\"demo\", error=\"invalid_token\""),
            new Header("Content-Type", "application/json"),
            new Header("X-Twice", "one"), new Header("X-Twice", "two")),
            "{\"message\":\"Unauthorized\",\"reason\":\"malformed\"}".getBytes(StandardCharsets.UTF_8));
    private HttpFront front;

    @BeforeEach
    void start() throws Exception {
        GatewayFront recording = new GatewayFront() {
            @Override
            public String name() {
                return "gw";
            }

            @Override
            public FrontResponse handle(String route, FrontRequest request) {
                if (failure != null) {
                    throw failure;
                }
                receivedRoute.set(route);
                received.set(request);
                return answer;
            }

            @Override
            public void close() {
            }
        };
        front = HttpFront.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(recording));
    }

    @AfterEach
    void stop() {
        front.close();
    }

    @Test
    void handsTheGatewayEveryHeaderLineInOrderWithRepeatedNames() throws Exception {
        RawHttp.get(front.port(), "/gw/orders", "Authorization: Bearer a.b.c", "Cookie: jwt=x", "authorization: Bearer d.e.f");

        assertThat(receivedRoute.get()).isEqualTo("orders");
        assertThat(received.get().headers()).containsExactly(new Header("Host", "127.0.0.1:" + front.port()),
                new Header("Authorization", "Bearer a.b.c"), new Header("Cookie", "jwt=x"),
                new Header("authorization", "Bearer d.e.f"));
    }

    @Test
    void handsTheGatewayTheRawQueryAndTheMethod() throws Exception {
        RawHttp.exchange(front.port(), "DELETE /gw/orders?access_token=a%2Eb&flag HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(received.get().method()).isEqualTo("DELETE");
        assertThat(received.get().path()).isEqualTo("/gw/orders");
        assertThat(received.get().rawQuery()).isEqualTo("access_token=a%2Eb&flag");
    }

    @Test
    void givesTheClientTheGatewaysStatusHeadersAndBodyUnchanged() throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/gw/orders");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).containsExactly("Bearer realm=\"demo\", error=\"invalid_token\"");
        assertThat(reply.header("X-Twice")).containsExactly("one", "two");
        assertThat(reply.header("Content-Length")).containsExactly(Integer.toString(answer.body().length));
        assertThat(reply.body()).isEqualTo("{\"message\":\"Unauthorized\",\"reason\":\"malformed\"}");
    }

    @Test
    void answersAHeadBeyondTheLimitWith431InsteadOfAReset() throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/gw/orders", "X-Big: " + "a".repeat(HttpFront.MAX_HEAD_BYTES * 4));

        assertThat(reply.status()).isEqualTo(431);
        assertThat(received.get()).as("the gateway never sees it").isNull();
    }

    @Test
    void answersAHeaderLineWithoutANameWith400() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(front.port(), "GET /gw/orders HTTP/1.1\r\n: no name\r\n\r\n");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(received.get()).isNull();
    }

    @Test
    void answersAPathOfNoGatewayWith404() throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/nginx/orders");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("/gw/");
    }

    @Test
    void answersAFailingGatewayWith502() throws Exception {
        failure = new IllegalStateException("plugin server gone");

        assertThat(RawHttp.get(front.port(), "/gw/orders").status()).isEqualTo(502);
    }
}
