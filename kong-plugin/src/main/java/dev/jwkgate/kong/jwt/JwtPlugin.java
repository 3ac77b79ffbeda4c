package dev.jwkgate.kong.jwt;

import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.GatewayRequest;
import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.result.HttpRejection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The access phase of one configured instance: hands the request to the core's policy and carries
 * out its decision with PDK calls. Every validation rule lives in the core.
 */
final class JwtPlugin implements KongPlugin {

    private final Function<GatewayRequest, GatewayDecision> policy;
    private final Runnable release;

    /**
     * @param policy  the core's {@code GatewayPolicy::decide}
     * @param release gives the policy back to the core when Kong closed the instance ({@code PolicyLease::close})
     */
    JwtPlugin(Function<GatewayRequest, GatewayDecision> policy, Runnable release) {
        this.policy = policy;
        this.release = release;
    }

    /** A plugin around a policy it does not hold (tests). */
    JwtPlugin(Function<GatewayRequest, GatewayDecision> policy) {
        this(policy, () -> { });
    }

    /** Kong closed the instance and no event runs on it: the core may close the policy and its key sources. */
    @Override
    public void close() {
        release.run();
    }

    @Override
    public void access(Kong kong) {
        GatewayDecision decision = policy.apply(new KongRequestView(kong));
        if (decision.allowed()) {
            forward(kong, decision);
        } else {
            refuse(kong, decision);
        }
    }

    private static void forward(Kong kong, GatewayDecision decision) {
        // every PDK call is a round trip to Kong: all header changes travel in one set_headers
        UpstreamHeaderChanges changes = UpstreamHeaderChanges.of(decision.headerChanges());
        if (!changes.setHeaders().isEmpty()) {
            kong.service.request.setHeaders(changes.setHeaders());
        }
        changes.clearHeaders().forEach(kong.service.request::clearHeader);
        if (decision.query().changes()) {
            kong.service.request.setRawQuery(decision.query().applyTo(kong.request.getRawQuery()));
        }
    }

    private static void refuse(Kong kong, GatewayDecision decision) {
        HttpRejection rejection = decision.rejection();
        if (rejection.status() >= 500 && decision.result() != null && !decision.result().isValid()) {
            // the core's message is written for logs and never contains the token
            kong.log.err("jwkgate: ", decision.result().reason().code(), ": ", decision.result().message());
        }
        kong.response.exit(rejection.status(), rejection.body().getBytes(StandardCharsets.UTF_8), headers(rejection));
    }

    /** The core's answer to its own failure, for events the plugin server cannot hand to the plugin. */
    static FailureAnswer failureAnswer() {
        HttpRejection internalError = HttpRejection.internalError();
        return new FailureAnswer(internalError.status(), internalError.body().getBytes(StandardCharsets.UTF_8),
                headers(internalError));
    }

    private static Map<String, String> headers(HttpRejection rejection) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", rejection.contentType());
        if (rejection.wwwAuthenticate() != null) {
            headers.put("WWW-Authenticate", rejection.wwwAuthenticate());
        }
        return headers;
    }
}
