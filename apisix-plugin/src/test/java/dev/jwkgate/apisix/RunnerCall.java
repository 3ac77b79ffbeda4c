package dev.jwkgate.apisix;

import dev.jwkgate.apisix.peer.A6Messages;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import java.util.HashMap;
import java.util.Map;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;

/**
 * One request call as runner 0.4.0 hands it to filters: the SDK's {@link HttpRequest} decoded from the
 * bytes APISIX sends, and the {@link HttpResponse} whose encoding goes back on the wire.
 */
final class RunnerCall {

    private static final long ID = 42;

    final HttpRequest request;
    final HttpResponse response;

    private RunnerCall(HttpRequest request, HttpResponse response) {
        this.request = request;
        this.response = response;
    }

    /** A call of a route whose conf gives {@code confValue} to the jwkgate filter (null: none). */
    static RunnerCall of(PeerRequest peerRequest, String confValue) {
        HttpRequest request = HttpRequest.from(A6Messages.httpReqCall(ID, 7, peerRequest));
        HttpResponse response = new HttpResponse(request.getRequestId());
        Map<String, String> conf = new HashMap<>();
        if (confValue != null) {
            conf.put(JwkGateFilter.NAME, confValue);
        }
        request.initCtx(response, conf);
        return new RunnerCall(request, response);
    }

    static RunnerCall of(PeerRequest peerRequest) {
        return of(peerRequest, "{}");
    }

    /** What APISIX would read back: the runner's encoded answer, decoded with the A6 bindings. */
    RunnerAnswer answer() {
        A6Messages.CallResponse decoded = A6Messages.httpReqCallResponse(response.encode());
        if (decoded.id() != ID) {
            throw new AssertionError("answer carries id " + decoded.id());
        }
        return decoded.answer();
    }
}
