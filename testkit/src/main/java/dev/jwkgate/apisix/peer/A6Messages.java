package dev.jwkgate.apisix.peer;

import com.google.flatbuffers.FlatBufferBuilder;
import io.github.api7.A6.Err.Resp;
import io.github.api7.A6.ExtraInfo.Info;
import io.github.api7.A6.ExtraInfo.Var;
import io.github.api7.A6.HTTPReqCall.Action;
import io.github.api7.A6.HTTPReqCall.Req;
import io.github.api7.A6.HTTPReqCall.Rewrite;
import io.github.api7.A6.HTTPReqCall.Stop;
import io.github.api7.A6.Method;
import io.github.api7.A6.TextEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Builds and reads the FlatBuffers payloads the way APISIX's ext-plugin does, with the A6 bindings. */
public final class A6Messages {

    private A6Messages() {
    }

    /** {@code PrepareConf.Req{conf, key}}: the route's conf entries in order, and its cache key. */
    public static ByteBuffer prepareConf(List<Entry> conf, String key) {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int keyOffset = builder.createString(key);
        int confVector = io.github.api7.A6.PrepareConf.Req.createConfVector(builder, entries(builder, conf));
        io.github.api7.A6.PrepareConf.Req.startReq(builder);
        io.github.api7.A6.PrepareConf.Req.addKey(builder, keyOffset);
        io.github.api7.A6.PrepareConf.Req.addConf(builder, confVector);
        builder.finish(io.github.api7.A6.PrepareConf.Req.endReq(builder));
        return builder.dataBuffer();
    }

    public static long confToken(ByteBuffer payload) {
        return io.github.api7.A6.PrepareConf.Resp.getRootAsResp(payload).confToken();
    }

    /** {@code HTTPReqCall.Req}, filled as init.lua's RPC_HTTP_REQ_CALL handler fills it. */
    public static ByteBuffer httpReqCall(long id, long confToken, PeerRequest request) {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int path = builder.createString(request.path());
        int srcIp = Req.createSrcIpVector(builder, request.sourceIp());
        int args = Req.createArgsVector(builder, entries(builder, request.args()));
        int headers = Req.createHeadersVector(builder, entries(builder, request.headers()));
        Req.startReq(builder);
        Req.addId(builder, id);
        Req.addConfToken(builder, confToken);
        Req.addSrcIp(builder, srcIp);
        Req.addPath(builder, path);
        Req.addArgs(builder, args);
        Req.addHeaders(builder, headers);
        Req.addMethod(builder, method(request.method()));
        builder.finish(Req.endReq(builder));
        return builder.dataBuffer();
    }

    /** The answer to a request call, and the id it echoes. */
    public record CallResponse(long id, RunnerAnswer answer) {
    }

    public static CallResponse httpReqCallResponse(ByteBuffer payload) {
        io.github.api7.A6.HTTPReqCall.Resp resp = io.github.api7.A6.HTTPReqCall.Resp.getRootAsResp(payload);
        RunnerAnswer answer;
        switch (resp.actionType()) {
            case Action.Stop: {
                Stop stop = (Stop) resp.action(new Stop());
                byte[] body = new byte[stop.bodyLength()];
                for (int i = 0; i < body.length; i++) {
                    body[i] = (byte) stop.body(i);
                }
                answer = new RunnerAnswer.Stop(stop.status() == 0 ? 200 : stop.status(),
                        entries(stop.headersLength(), stop::headers), new String(body, StandardCharsets.UTF_8));
                break;
            }
            case Action.Rewrite: {
                Rewrite rewrite = (Rewrite) resp.action(new Rewrite());
                answer = new RunnerAnswer.Rewrite(rewrite.path(), entries(rewrite.headersLength(), rewrite::headers),
                        entries(rewrite.argsLength(), rewrite::args));
                break;
            }
            default:
                // init.lua treats any other action type as "carry on unchanged"
                answer = new RunnerAnswer.Pass();
        }
        return new CallResponse(resp.id(), answer);
    }

    public static RunnerAnswer.Error error(ByteBuffer payload) {
        return new RunnerAnswer.Error(Resp.getRootAsResp(payload).code());
    }

    /** The variable name an {@code ExtraInfo.Req} asks for, or null when it asks for a body. */
    public static String extraInfoVarName(ByteBuffer payload) {
        io.github.api7.A6.ExtraInfo.Req req = io.github.api7.A6.ExtraInfo.Req.getRootAsReq(payload);
        if (req.infoType() != Info.Var) {
            return null;
        }
        return ((Var) req.info(new Var())).name();
    }

    /** {@code ExtraInfo.Resp{result}}; no result when APISIX has no value, as init.lua does. */
    public static ByteBuffer extraInfoAnswer(String value) {
        FlatBufferBuilder builder = new FlatBufferBuilder();
        int result = value == null ? 0
                : io.github.api7.A6.ExtraInfo.Resp.createResultVector(builder, value.getBytes(StandardCharsets.UTF_8));
        io.github.api7.A6.ExtraInfo.Resp.startResp(builder);
        if (value != null) {
            io.github.api7.A6.ExtraInfo.Resp.addResult(builder, result);
        }
        builder.finish(io.github.api7.A6.ExtraInfo.Resp.endResp(builder));
        return builder.dataBuffer();
    }

    private static int[] entries(FlatBufferBuilder builder, List<Entry> entries) {
        int[] offsets = new int[entries.size()];
        for (int i = 0; i < offsets.length; i++) {
            Entry entry = entries.get(i);
            int name = builder.createString(entry.name());
            int value = entry.value() == null ? 0 : builder.createString(entry.value());
            TextEntry.startTextEntry(builder);
            TextEntry.addName(builder, name);
            if (entry.value() != null) {
                TextEntry.addValue(builder, value);
            }
            offsets[i] = TextEntry.endTextEntry(builder);
        }
        return offsets;
    }

    private static List<Entry> entries(int length, IntFunction<TextEntry> entry) {
        List<Entry> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            TextEntry e = entry.apply(i);
            out.add(new Entry(e.name(), e.value()));
        }
        return out;
    }

    private static int method(String name) {
        for (int i = 0; i < Method.names.length; i++) {
            if (Method.names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("APISIX has no A6 method " + name);
    }
}
