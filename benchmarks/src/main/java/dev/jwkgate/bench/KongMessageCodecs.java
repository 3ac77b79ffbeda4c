package dev.jwkgate.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.MultiMaps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does the Kong PDK's hand-written {@code google.protobuf.Struct}/{@code Value} codec still pay for itself
 * against protoc-generated classes? The two messages every request carries through the JWT plugin, each way
 * both codecs go from bytes to what the PDK returns (and back): the {@code kong.request.get_headers} result
 * (a Struct of a browser's nine headers with a 1 KB bearer token, one header twice) decoded into the
 * {@code Map<String, List<String>>} the PDK hands out, and the {@code kong.service.request.set_headers}
 * argument (three forwarded claims and one removal) encoded from a plain map. The {@code hand*} methods are the
 * PDK's code path; the {@code generated*} ones the shortest code a PDK on generated classes would need. (The
 * hand-written codecs of Kong's wrappers and RPC messages were measured the same way and lost: they are gone.)
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main KongMessageCodecs}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class KongMessageCodecs {

    private byte[] headersResult;
    private Map<String, Object> headerChanges;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("host", "api.example.com");
        headers.put("user-agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        headers.put("accept", "application/json, text/plain, */*");
        headers.put("accept-language", "en-GB,en;q=0.5");
        headers.put("accept-encoding", "gzip, deflate, br, zstd");
        headers.put("authorization", "Bearer " + "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.".repeat(28));
        headers.put("x-forwarded-for", List.of("203.0.113.7", "198.51.100.2"));
        headers.put("connection", "keep-alive");
        headers.put("cookie", "theme=dark; lang=en");
        headersResult = Messages.struct(headers);
        headerChanges = new LinkedHashMap<>();
        headerChanges.put("X-User-Id", "9f1c2a4e-5b7d-4e0a-8c3f-1d2e3f4a5b6c");
        headerChanges.put("X-Client-Id", "orders-web");
        headerChanges.put("X-Scope", "orders:read orders:write");
        headerChanges.put("X-Email", List.of());
        if (!handHeaders().equals(generatedHeaders()) || !Arrays.equals(handSetHeaders(), generatedSetHeaders())) {
            throw new IllegalStateException("the two codecs disagree");
        }
    }

    @Benchmark
    public Map<String, List<String>> handHeaders() {
        return MultiMaps.of(Messages.decodeStruct(headersResult));
    }

    @Benchmark
    public Map<String, List<String>> generatedHeaders() {
        try {
            Map<String, List<String>> out = new LinkedHashMap<>();
            Struct struct = Struct.parseFrom(headersResult);
            struct.getFieldsMap().forEach((name, value) -> {
                if (value.hasListValue()) {
                    List<String> values = new ArrayList<>();
                    value.getListValue().getValuesList().forEach(item -> values.add(item.getStringValue()));
                    out.put(name, values);
                } else {
                    out.put(name, List.of(value.getStringValue()));
                }
            });
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public byte[] handSetHeaders() {
        return Messages.struct(headerChanges);
    }

    @Benchmark
    public byte[] generatedSetHeaders() {
        Struct.Builder struct = Struct.newBuilder();
        headerChanges.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                ListValue.Builder items = ListValue.newBuilder();
                list.forEach(item -> items.addValues(Value.newBuilder().setStringValue((String) item)));
                struct.putFields(name, Value.newBuilder().setListValue(items).build());
            } else {
                struct.putFields(name, Value.newBuilder().setStringValue((String) value).build());
            }
        });
        return struct.build().toByteArray();
    }
}
