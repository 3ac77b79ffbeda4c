package dev.jwkgate.demo.front;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A query string decoded as {@code ngx.req.get_uri_args()} decodes it for both gateways (lua-nginx-module's
 * {@code ngx_http_lua_parse_args}): split on {@code &}, name and value at the first {@code =}, {@code +} and
 * {@code %XX} unescaped (an invalid escape kept as it is), pieces with an empty name dropped, at most
 * {@code max} arguments.
 */
public final class NginxArgs {

    /** One argument; a null value is a bare {@code ?name} (Lua's {@code true}). */
    public record Arg(String name, String value) {
    }

    private NginxArgs() {
    }

    /** The arguments of {@code rawQuery}, in order, repeated names kept. */
    public static List<Arg> decode(String rawQuery, int max) {
        List<Arg> args = new ArrayList<>();
        for (String piece : rawQuery.split("&", -1)) {
            if (args.size() == max) {
                break;
            }
            int eq = piece.indexOf('=');
            String name = unescape(eq < 0 ? piece : piece.substring(0, eq));
            if (!name.isEmpty()) {
                args.add(new Arg(name, eq < 0 ? null : unescape(piece.substring(eq + 1))));
            }
        }
        return args;
    }

    private static String unescape(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The value of an ASCII hex digit, or -1. */
    private static int hex(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
    }
}
