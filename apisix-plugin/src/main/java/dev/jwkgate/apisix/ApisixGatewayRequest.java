package dev.jwkgate.apisix;

import dev.jwkgate.gateway.GatewayRequest;
import io.github.api7.A6.HTTPReqCall.Req;
import io.github.api7.A6.TextEntry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.apisix.plugin.runner.HttpRequest;

/**
 * One APISIX request call seen as the core's {@link GatewayRequest}.
 *
 * <p>Names are compared on the entries' bytes, so a lookup decodes only the values it returns: the
 * other headers (a token elsewhere, cookies) are never turned into strings for it.
 */
final class ApisixGatewayRequest implements GatewayRequest {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** The request-id plugin's default header name. */
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final HttpRequest request;
    private final Req call;

    ApisixGatewayRequest(HttpRequest request) {
        this.request = request;
        this.call = ReqCallEntries.of(request);
    }

    /** APISIX sends lower-case names, but the contract is case-insensitive, so it is honoured here too. */
    @Override
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>(1);
        TextEntry entry = new TextEntry();
        for (int i = 0; i < call.headersLength(); i++) {
            call.headers(entry, i);
            if (sameName(entry.nameAsByteBuffer(), name, true)) {
                String value = value(entry);
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** The distinct entry names, as APISIX sends them (lower-case, from {@code ngx.req.get_headers()}). */
    @Override
    public Collection<String> headerNames() {
        Set<String> names = new LinkedHashSet<>();
        TextEntry entry = new TextEntry();
        for (int i = 0; i < call.headersLength(); i++) {
            names.add(call.headers(entry, i).name());
        }
        return names;
    }

    /** One entry per header line (APISIX stops at 100 of them, a limit the core knows). */
    @Override
    public int headerLineCount() {
        return call.headersLength();
    }

    /** Query parameter names are case-sensitive; a valueless {@code ?name} gives "". */
    @Override
    public List<String> queryParamValues(String name) {
        List<String> values = new ArrayList<>(1);
        TextEntry entry = new TextEntry();
        for (int i = 0; i < call.argsLength(); i++) {
            call.args(entry, i);
            if (sameName(entry.nameAsByteBuffer(), name, false)) {
                String value = value(entry);
                values.add(value == null ? "" : value);
            }
        }
        return values;
    }

    @Override
    public int queryArgumentCount() {
        return call.argsLength();
    }

    /**
     * The {@code X-Request-Id} header, which APISIX's {@code request-id} plugin (default {@code header_name}) sets
     * before this runner is called ({@code request-id}, priority 12015, runs before {@code ext-plugin-pre-req},
     * 12000); none when the route has no such plugin. The protocol's own call id numbers calls on one connection
     * and appears in no access log.
     */
    @Override
    public String requestId() {
        List<String> values = headerValues(REQUEST_ID_HEADER);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String method() {
        return request.getMethod().name();
    }

    /**
     * The entry's value, or null when it has none. A token is ASCII, and an ASCII value is copied as it is;
     * FlatBuffers' own decoder, a byte at a time, is kept for the rest, so a value that is not valid UTF-8
     * still fails exactly as it always did.
     */
    private static String value(TextEntry entry) {
        ByteBuffer bytes = entry.valueAsByteBuffer();
        if (bytes == null) {
            return null;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(bytes.position(), copy);
        return isAscii(copy) ? new String(copy, StandardCharsets.ISO_8859_1) : entry.value();
    }

    private static boolean isAscii(byte[] bytes) {
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) { // eight bytes per step: tokens are long
            if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether UTF-8 {@code bytes} spell {@code name}. Names the core asks for are ASCII (header names are
     * RFC 9110 tokens); a non-ASCII name simply never matches.
     */
    private static boolean sameName(ByteBuffer bytes, String name, boolean ignoreCase) {
        if (bytes == null || bytes.remaining() != name.length()) {
            return false;
        }
        int start = bytes.position();
        for (int i = 0; i < name.length(); i++) {
            char expected = name.charAt(i);
            char actual = (char) (bytes.get(start + i) & 0xff);
            if (expected >= 0x80) {
                return false;
            }
            if (actual != expected && !(ignoreCase && asciiLower(actual) == asciiLower(expected))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
