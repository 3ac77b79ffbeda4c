package dev.jwkgate.json;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of one JSON object in the order they were read, names unique, JSON null kept as null. Plain arrays
 * instead of a hash map because a JOSE header holds three or four members and a payload a dozen: the caller picks
 * the container it needs and nothing is hashed twice: both the header and the claims become a {@link JsonObjectMap}
 * over these very arrays. A token's outer object may keep plain names and values unread, as spans of its text
 * ({@link UnreadValue}), made into Strings, Longs and lists of these only when asked for.
 */
public final class JsonMembers {

    /** Up to this many members, duplicates are found by comparing cached hash codes; beyond it, by a hash map. */
    private static final int LINEAR_LIMIT = 16;

    // a payload's dozen claims fit without growing the arrays
    /** The names; null where a name is still unread (its span in {@link #nameSpans}). */
    private String[] names = new String[LINEAR_LIMIT];
    private Object[] values = new Object[LINEAR_LIMIT];
    private int[] hashes = new int[LINEAR_LIMIT];
    private int size;
    private int nullValues;
    /** Name to position, once past the linear limit; null before. */
    private Map<String, Integer> index;
    /** The text unread names and values are spans of; null when nothing is left unread. */
    private final byte[] source;
    /** Per member, the span of its unread name and of its unread value; null when nothing is left unread. */
    private long[] nameSpans;
    private long[] valueSpans;

    JsonMembers() {
        this.source = null;
    }

    /** Members that may keep names and values unread as spans of {@code source}, which must never change. */
    JsonMembers(byte[] source) {
        this.source = source;
        this.nameSpans = new long[LINEAR_LIMIT];
        this.valueSpans = new long[LINEAR_LIMIT];
    }

    /** Adds a member; false (and nothing added) when the object already has a member of that name. */
    boolean add(String name, Object value) {
        return add(name, 0L, value, 0L);
    }

    /**
     * Adds a member whose name ({@code name} null) and value ({@code value} an {@link UnreadValue}) may still be
     * spans of the source, already checked; false (and nothing added) when the object already has that name.
     */
    boolean add(String name, long nameSpan, Object value, long valueSpan) {
        if (name == null && size >= LINEAR_LIMIT) {
            name = UnreadValue.plainString(source, nameSpan); // the hash map past the limit keys by String
        }
        int hash = name != null ? name.hashCode() : UnreadValue.hash(source, nameSpan);
        if (index != null) {
            if (index.putIfAbsent(name, size) != null) {
                return false;
            }
        } else {
            if (indexOf(name, nameSpan, hash) >= 0) {
                return false;
            }
            if (size == LINEAR_LIMIT) {
                // past a few dozen members a linear check would make a hostile object cost quadratic time, and
                // so would lookups in its map
                index = new HashMap<>(4 * LINEAR_LIMIT);
                for (int i = 0; i < size; i++) {
                    index.put(name(i), i);
                }
                index.put(name, size);
            }
        }
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
            hashes = java.util.Arrays.copyOf(hashes, size * 2);
            if (source != null) {
                nameSpans = java.util.Arrays.copyOf(nameSpans, size * 2);
                valueSpans = java.util.Arrays.copyOf(valueSpans, size * 2);
            }
        }
        if (source != null) {
            nameSpans[size] = nameSpan;
            valueSpans[size] = valueSpan;
        }
        names[size] = name;
        values[size] = value;
        if (value == null) {
            nullValues++;
        }
        hashes[size] = hash;
        size++;
        return true;
    }

    public int size() {
        return size;
    }

    /** Whether a member is set to JSON null. */
    public boolean holdsNull() {
        return nullValues > 0;
    }

    /** The name of member {@code i}, made from the text the first time it is asked for. */
    public String name(int i) {
        return UnreadValue.name(names, nameSpans, source, i);
    }

    /** The value of member {@code i}, made from the text the first time it is asked for. */
    public Object value(int i) {
        return UnreadValue.value(values, valueSpans, source, i);
    }

    /** Whether member {@code i} is set to JSON null, without making its value. */
    public boolean isNull(int i) {
        return values[i] == null;
    }

    private int indexOf(String name, long nameSpan, int hash) {
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && UnreadValue.sameName(names, nameSpans, source, i, name, nameSpan)) {
                return i;
            }
        }
        return -1;
    }

    /** An insertion-ordered, unmodifiable copy, for objects nested inside a header or payload. */
    Map<String, Object> toOrderedMap() {
        Map<String, Object> map = new LinkedHashMap<>((int) (size / 0.75f) + 1);
        for (int i = 0; i < size; i++) {
            map.put(name(i), value(i));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * An unmodifiable map over these members in read order, JSON null kept as null, without copying them. Must not
     * be used after further {@link #add} calls (the parser makes none once the object is read).
     */
    public Map<String, Object> asMap() {
        return new JsonObjectMap(names, values, hashes, size, index, nullValues > 0, source, nameSpans, valueSpans);
    }

    /**
     * {@link #asMap()} without the members set to JSON null: the claims of a payload, which a
     * {@link dev.jwkgate.result.VerifiedToken} keeps as they are ({@link JsonObjectMap#copyOf}).
     */
    public Map<String, Object> withoutNulls() {
        if (nullValues == 0) {
            return asMap();
        }
        JsonMembers kept = source == null ? new JsonMembers() : new JsonMembers(source);
        for (int i = 0; i < size; i++) {
            if (values[i] != null) {
                kept.add(names[i], source == null ? 0L : nameSpans[i], values[i], source == null ? 0L : valueSpans[i]);
            }
        }
        return kept.asMap();
    }
}
