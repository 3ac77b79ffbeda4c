package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.result.HttpRejection;
import java.util.ArrayList;
import java.util.List;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.junit.jupiter.api.Test;

class RefusedConfFilterTest {

    @Test
    void answersEveryRequestWithTheCores500AndEndsTheChain() {
        List<HttpRequest> after = new ArrayList<>();
        PluginFilter next = new PluginFilter() {
            @Override
            public String name() {
                return "next";
            }

            @Override
            public void filter(HttpRequest request, HttpResponse response, PluginFilterChain chain) {
                after.add(request);
            }
        };
        RunnerCall call = RunnerCall.of(PeerRequest.get("/").bearer("t"));

        new PluginFilterChain(List.of(new RefusedConfFilter(), next)).filter(call.request, call.response);

        RunnerAnswer.Stop stop = (RunnerAnswer.Stop) call.answer();
        assertThat(stop.status()).isEqualTo(500);
        assertThat(stop.body()).isEqualTo(HttpRejection.internalError().body());
        assertThat(after).isEmpty();
    }
}
