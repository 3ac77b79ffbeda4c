package dev.jwkgate.kong.jwt;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.gateway.ConsumerMapping;
import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.GatewayRequest;
import dev.jwkgate.gateway.HeaderChange;
import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.result.HttpRejection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;

/**
 * The access phase of one configured instance: hands the request to the core's policy and carries
 * out its decision with PDK calls. Every validation rule lives in the core.
 */
final class JwtPlugin implements KongPlugin {

    private final Function<GatewayRequest, GatewayDecision> policy;
    private final KongConsumers consumers;
    private final Runnable release;

    /**
     * @param policy    the core's {@code GatewayPolicy::decide}
     * @param consumers carries out the decision's consumer part
     * @param release   gives the policy back to the core when Kong closed the instance ({@code PolicyLease::close})
     */
    JwtPlugin(Function<GatewayRequest, GatewayDecision> policy, KongConsumers consumers, Runnable release) {
        this.policy = policy;
        this.consumers = consumers;
        this.release = release;
    }

    /** A plugin around a policy it does not hold, with the default consumer cache (tests). */
    JwtPlugin(Function<GatewayRequest, GatewayDecision> policy) {
        this(policy, new KongConsumers(ConsumerCache.of(JwkGateConfig.builder().issuer("https://unused.example")
                .jwksUri("https://unused.example/certs").build())), () -> { });
    }

    /** Kong closed the instance and no event runs on it: the core may close the policy and its key sources. */
    @Override
    public void close() {
        release.run();
    }

    @Override
    public void access(Kong kong) {
        carryOut(kong, policy.apply(new KongRequestView(kong)));
    }

    private void carryOut(Kong kong, GatewayDecision decision) {
        if (decision.allowed()) {
            forward(kong, decision);
        } else {
            refuse(kong, decision);
        }
    }

    private void forward(Kong kong, GatewayDecision decision) {
        List<HeaderChange> headerChanges = decision.headerChanges();
        ConsumerMapping consumer = decision.consumer();
        if (consumer != null) {
            Optional<List<HeaderChange>> consumerHeaders = consumers.authenticate(kong, consumer);
            if (consumerHeaders.isEmpty()) {
                // the core's decision for this case: a refusal, or the anonymous consumer (whose own fallback is a 500)
                carryOut(kong, consumer.consumerMissing());
                return;
            }
            headerChanges = withConsumerHeaders(headerChanges, consumerHeaders.get());
        }
        // every PDK call is a round trip to Kong: all header changes travel in one set_headers
        UpstreamHeaderChanges changes = UpstreamHeaderChanges.of(headerChanges);
        if (!changes.setHeaders().isEmpty()) {
            kong.service.request.setHeaders(changes.setHeaders());
        }
        changes.clearHeaders().forEach(kong.service.request::clearHeader);
        if (decision.query().changes()) {
            kong.service.request.setRawQuery(decision.query().applyTo(kong.request.getRawQuery()));
        }
    }

    /**
     * The consumer headers replace a forwarded claim of the same name, as Kong's auth plugins' {@code set_consumer}
     * would; the list must name each header once for {@link UpstreamHeaderChanges}.
     */
    private static List<HeaderChange> withConsumerHeaders(List<HeaderChange> changes, List<HeaderChange> consumer) {
        Set<String> taken = consumer.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<HeaderChange> merged = new ArrayList<>(changes.size() + consumer.size());
        changes.stream().filter(c -> !taken.contains(c.name().toLowerCase(Locale.ROOT))).forEach(merged::add);
        merged.addAll(consumer);
        return merged;
    }

    private static void refuse(Kong kong, GatewayDecision decision) {
        HttpRejection rejection = decision.rejection();
        if (rejection.status() >= 500 && decision.result() != null && !decision.result().isValid()) {
            // the core's message is written for logs and never contains the token
            kong.log.err("jwkgate: ", decision.result().reason().code(), ": ", decision.result().message());
        }
        exit(kong, rejection);
    }

    private static void exit(Kong kong, HttpRejection rejection) {
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
