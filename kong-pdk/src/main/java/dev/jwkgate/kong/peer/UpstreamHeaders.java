package dev.jwkgate.kong.peer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request headers nginx will send upstream, changed as lua-nginx-module 0.10.28 (OpenResty 1.27.1.x,
 * Kong 3.9/3.10) changes them through {@code ngx.req.set_header} and {@code ngx.req.clear_header}
 * ({@code ngx_http_lua_ffi_req_set_header}, {@code ngx_http_lua_set_input_header}):
 * <ul>
 *   <li>setting replaces every header of that name, whatever its case; an array sets one header per item;
 *       an empty array, like nil, removes them all (the same C call as {@code clear_header});</li>
 *   <li>unsafe bytes are percent-escaped, not refused ({@code ngx_http_lua_copy_escaped_header}): in a name
 *       controls, space, {@code "(),/:;<=>?@[\]{}}, DEL and every byte above 0x7F; in a value controls other
 *       than tab, and DEL.</li>
 * </ul>
 * Names are kept lower-case here, since every lookup is case-insensitive.
 */
final class UpstreamHeaders {

    private static final String NAME_ESCAPED = " \"(),/:;<=>?@[\\]{}";

    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    /** The client's request: a value is a String or a List of Strings. */
    UpstreamHeaders(Map<String, Object> client) {
        client.forEach((name, value) -> {
            List<String> values = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(item -> values.add((String) item));
            } else {
                values.add((String) value);
            }
            headers.put(name.toLowerCase(Locale.ROOT), values);
        });
    }

    /** {@code ngx.req.set_header(name, values)}: replaces, or removes when {@code values} is empty. */
    void set(String name, List<String> values) {
        String key = escape(name, true).toLowerCase(Locale.ROOT);
        headers.remove(key);
        if (!values.isEmpty()) {
            List<String> escaped = new ArrayList<>();
            values.forEach(v -> escaped.add(escape(v, false)));
            headers.put(key, escaped);
        }
    }

    /** {@code ngx.req.clear_header(name)}. */
    void clear(String name) {
        set(name, List.of());
    }

    List<String> values(String name) {
        return Collections.unmodifiableList(headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    /** Every header with all its values, lower-case names. */
    Map<String, List<String>> all() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(out);
    }

    /** Each header's first value. */
    Map<String, String> firstValues() {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name, values.get(0)));
        return Collections.unmodifiableMap(out);
    }

    private static String escape(String text, boolean isName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isName ? nameEscapes(c) : valueEscapes(c)) {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean nameEscapes(int c) {
        return c < 0x20 || c >= 0x7f || NAME_ESCAPED.indexOf(c) >= 0;
    }

    private static boolean valueEscapes(int c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }
}
