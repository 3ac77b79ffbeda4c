package dev.jwkgate.apisix;

import io.github.api7.A6.HTTPReqCall.Req;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.apache.apisix.plugin.runner.HttpRequest;

/**
 * Reaches the FlatBuffers request behind the runner's {@link HttpRequest}.
 *
 * <p>Runner 0.4.0 exposes headers and query arguments only as {@code HashMap}s, which keep the last of
 * repeated names. APISIX sends every value as its own entry, and a gateway must see all of them: two
 * {@code Authorization} headers are an ambiguity the core refuses, not something to settle by taking
 * the last one while the upstream may read the first. The runner version is pinned, and
 * {@link #check()} runs at start-up, so a runner without this field stops the process instead of
 * silently changing what the filter sees.
 */
public final class ReqCallEntries {

    private static final VarHandle REQ = reqHandle();

    private ReqCallEntries() {
    }

    /** The raw request call: headers and args in APISIX's order, one entry per value. */
    static Req of(HttpRequest request) {
        return (Req) REQ.get(request);
    }

    /**
     * Fails (with {@link ExceptionInInitializerError}) when the runner's {@link HttpRequest} no longer
     * carries its FlatBuffers request; called at start-up so that happens before any request.
     */
    public static void check() {
        Objects.requireNonNull(REQ); // touching the field is what runs the class initialiser
    }

    private static VarHandle reqHandle() {
        try {
            return MethodHandles.privateLookupIn(HttpRequest.class, MethodHandles.lookup())
                    .findVarHandle(HttpRequest.class, "req", Req.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("apisix-runner-sdk changed: HttpRequest has no field 'req' of type "
                    + Req.class.getName() + "; the filter cannot see repeated headers");
        }
    }
}
