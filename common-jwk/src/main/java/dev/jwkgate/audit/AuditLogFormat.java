package dev.jwkgate.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;

/**
 * How an audit line reads: {@code text} ({@code TOKEN_REFUSED source=… {reason=…, …}}, for people) or {@code json}
 * (one JSON object with {@code event}, {@code at}, {@code source}, the attributes and, when the gateway has one,
 * {@code request_id}, for a log pipeline that joins refusals to the gateway's access log). Attributes are already
 * escaped where they come from untrusted input ({@link LogText}); JSON escapes control and line-separator characters
 * besides, so a JSON line is always one line.
 */
public enum AuditLogFormat {
    TEXT {
        @Override
        String line(String event, Instant at, String source, Map<String, Object> attributes, String requestId) {
            return event + " source=" + source + " " + attributes;
        }
    },
    JSON {
        @Override
        String line(String event, Instant at, String source, Map<String, Object> attributes, String requestId) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("event", event);
            object.put("at", at.toString());
            object.put("source", source);
            attributes.forEach((name, value) -> object.put(name, jsonValue(value)));
            if (requestId != null) {
                object.put("request_id", requestId);
            }
            return JsonUtil.toJson(object);
        }
    };

    /** The setting's name for this format. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a setting names ({@code text} or {@code json}). */
    public static Optional<AuditLogFormat> bySettingValue(String value) {
        for (AuditLogFormat format : values()) {
            if (format.settingValue().equals(value)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The line of one event; asks the event's request for its id only in the JSON form. */
    public String line(AuditEvent event) {
        return line(event.type().name(), event.at(), event.source(), event.attributes(),
                this == JSON ? event.requestId() : null);
    }

    abstract String line(String event, Instant at, String source, Map<String, Object> attributes, String requestId);

    /** Strings, numbers, booleans, lists and maps as they are; anything else (an Instant) as its text. */
    private static Object jsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(item -> list.add(jsonValue(item)));
            return list;
        }
        if (value instanceof Map) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), jsonValue(v)));
            return map;
        }
        return value.toString();
    }
}
