package dev.jwkgate.kong.peer;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lua values as Kong's plugin bridge hands them to a PDK function, written from {@code pb_unwrap} in
 * {@code kong/runloop/plugin_servers/rpc/pb_rpc.lua} ({@code structpb_struct}, {@code structpb_list},
 * {@code structpb_value}) with lua-protobuf's decoding (enums as names):
 * <ul>
 *   <li>a {@code Value} becomes {@code v.bool_value or v.string_value or v.number_value or v.null_value}: a
 *       {@code false} bool is Lua {@code false}, so the expression falls through to nil and the table key
 *       disappears; a null becomes the enum's name {@code "NULL_VALUE"}; a value with no kind is nil;</li>
 *   <li>a list becomes an array, with a hole (Java null) wherever an item came out nil; {@link #ipairs}
 *       stops at the first hole, as Lua's does;</li>
 *   <li>a struct becomes a hash table (a Java Map); numbers are doubles (LuaJIT has no integers here).</li>
 * </ul>
 */
final class LuaValues {

    private LuaValues() {
    }

    /** {@code structpb_struct}: keys whose value came out nil are absent. */
    static Map<String, Object> table(Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((k, v) -> {
            Object value = value(v);
            if (value != null) {
                out.put(k, value);
            }
        });
        return out;
    }

    /** {@code structpb_value}; null is Lua nil. */
    static Object value(Value v) {
        switch (v.getKindCase()) {
            case LIST_VALUE:
                return array(v.getListValue());
            case STRUCT_VALUE:
                return table(v.getStructValue());
            case BOOL_VALUE:
                return v.getBoolValue() ? Boolean.TRUE : null;
            case STRING_VALUE:
                return v.getStringValue();
            case NUMBER_VALUE:
                return v.getNumberValue();
            case NULL_VALUE:
                return "NULL_VALUE";
            default:
                return null;
        }
    }

    private static List<Object> array(ListValue list) {
        List<Object> out = new ArrayList<>();
        for (Value item : list.getValuesList()) {
            out.add(value(item));
        }
        return out;
    }

    /** The items {@code ipairs} visits: up to the first nil. A hash table (Map) has none. */
    static List<Object> ipairs(Object table) {
        if (!(table instanceof List<?> array)) {
            return List.of();
        }
        int end = array.indexOf(null);
        return Collections.unmodifiableList(new ArrayList<>(end < 0 ? array : array.subList(0, end)));
    }

    /** Lua's {@code type()}. */
    static String type(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Double) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "table";
    }

    /**
     * LuaJIT's {@code tostring} of a number or boolean: numbers as C's {@code "%.14g"} ({@code 42} not
     * {@code 42.0}, {@code 1e+15}), {@code inf}, {@code -inf}, {@code nan}.
     */
    static String tostring(Object value) {
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("tostring of a table gives its address, which no test may depend on");
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(14, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 14) {
            String digits = rounded.unscaledValue().abs().toString().replaceAll("0+$", "");
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + (exponent < 0 ? "e-" : "e+")
                    + String.format("%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
