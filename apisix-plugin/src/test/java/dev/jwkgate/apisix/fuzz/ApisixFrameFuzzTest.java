package dev.jwkgate.apisix.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwkgate.apisix.FilterConf;
import dev.jwkgate.apisix.FilterConfParser;
import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.apisix.peer.A6Messages;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.gateway.GatewayPolicy;
import dev.jwkgate.gateway.PolicyLease;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.token.AttackCorpus;
import dev.jwkgate.token.AttackCorpus.AttackCase;
import dev.jwkgate.token.TokenValidator;
import io.github.api7.A6.TextEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.apisix.plugin.runner.A6ConfigRequest;
import org.apache.apisix.plugin.runner.A6Request;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.apache.apisix.plugin.runner.handler.PayloadDecoder;

/**
 * Fuzz target for the APISIX side: any frame from APISIX, decoded by the runner's own {@link PayloadDecoder},
 * then handed to our code. A request call goes through {@link JwkGateFilter} with a real RS256 policy; a
 * PrepareConf's values go through {@link FilterConfParser}. Neither may throw, and no request may get past the
 * filter: random bytes never carry a genuinely signed token. The answer is a 4xx refusal, or the 500
 * {@code internal_error} answer when the call's FlatBuffers are corrupt in a part the runner never reads but the
 * filter does (the runner decodes lazily): found by this target, seed {@code req-call-corrupt-header-vector}.
 *
 * <p>Seeds: {@code src/test/resources/dev/jwkgate/apisix/fuzz/ApisixFrameFuzzTestInputs/<method>/}.
 */
class ApisixFrameFuzzTest {

    private static final AttackCase RS256 = AttackCorpus.cases().stream()
            .filter(c -> c.genuine() && c.variant().equals("RS256")).findFirst().orElseThrow();
    private static final GatewayPolicy POLICY = RS256.policy();

    /** Conf values are read by the real core configuration, but with a validator that fetches nothing. */
    private static final FilterConfParser CONF_PARSER = new FilterConfParser(settings -> {
        JwkGateConfig config = JwkGateConfig.fromMap(settings, ConfigProfile.GATEWAY);
        return PolicyLease.unshared(GatewayPolicy.create(config, new RefusingValidator(RS256)));
    });

    @FuzzTest
    void anyFrameFromApisixIsRefusedOrPassedOnToTheRunnerAsAnError(byte[] frame) {
        A6Request decoded = new PayloadDecoder().decode(ByteBuffer.wrap(frame));
        if (decoded instanceof HttpRequest request) {
            throughTheFilter(request);
        } else if (decoded instanceof A6ConfigRequest prepareConf) {
            throughTheConfParser(prepareConf);
        }
    }

    private static void throughTheFilter(HttpRequest request) {
        HttpResponse response;
        try {
            // the runner reads these before any filter runs; a frame it cannot read never reaches us
            response = new HttpResponse(request.getRequestId());
            request.getConfToken();
        } catch (RuntimeException unreadableByTheRunner) {
            return;
        }
        request.initCtx(response, Map.of(JwkGateFilter.NAME, "{\"issuer\":\"fuzz\"}"));
        List<HttpRequest> passedOn = new ArrayList<>();
        PluginFilter upstream = new PluginFilter() {
            @Override
            public String name() {
                return "upstream";
            }

            @Override
            public void filter(HttpRequest r, HttpResponse s, PluginFilterChain chain) {
                passedOn.add(r);
            }
        };
        FilterConf conf = new FilterConf.Valid(POLICY);
        new PluginFilterChain(List.of(new JwkGateFilter(new FilterConfs(value -> conf)), upstream))
                .filter(request, response);

        assertThat(passedOn).as("a fuzzed request got past the filter").isEmpty();
        RunnerAnswer answer = A6Messages.httpReqCallResponse(response.encode()).answer();
        assertThat(answer).isInstanceOf(RunnerAnswer.Stop.class);
        RunnerAnswer.Stop stop = (RunnerAnswer.Stop) answer;
        if (stop.status() >= 500) {
            // only the fail-closed answer to a frame whose FlatBuffers are corrupt (seed req-call-corrupt-header-vector)
            assertThat(stop.status()).isEqualTo(500);
            assertThat(stop.body()).contains("\"reason\":\"internal_error\"");
        } else {
            assertThat(stop.status()).isBetween(400, 499);
        }
    }

    private static void throughTheConfParser(A6ConfigRequest prepareConf) {
        List<String> values = new ArrayList<>();
        try {
            TextEntry entry = new TextEntry();
            for (int i = 0; i < prepareConf.getReq().confLength(); i++) {
                prepareConf.getReq().conf(entry, i);
                values.add(entry.value());
            }
        } catch (RuntimeException unreadableByTheRunner) {
            return;
        }
        for (String value : values) {
            FilterConf conf = CONF_PARSER.parse(value);
            assertThat(conf).isNotNull();
            if (conf instanceof FilterConf.Invalid invalid) {
                assertThat(invalid.problem()).isNotBlank();
            }
        }
    }

    /** Refuses every token without looking at it: the conf target is about reading settings, not tokens. */
    private record RefusingValidator(AttackCase world) implements TokenValidator {
        @Override
        public ValidationResult validate(String token) {
            return ValidationResult.refused(ReasonCode.BAD_SIGNATURE, "fuzz");
        }

        @Override
        public dev.jwkgate.source.KeySetSource keySource() {
            return world.keySource();
        }
    }
}
