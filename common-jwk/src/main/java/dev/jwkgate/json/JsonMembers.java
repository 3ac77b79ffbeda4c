package dev.jwkgate.json;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of one JSON object in the order they were read, names unique, JSON null kept as null. Plain arrays
 * instead of a hash map because a JOSE header holds three or four members and a payload a dozen: the caller picks
 * the container it needs and nothing is hashed twice: both the header and the claims become a {@link JsonObjectMap}
 * over these very arrays.
 */
public final class JsonMembers {

    /** Up to this many members, duplicates are found by comparing cached hash codes; beyond it, by a hash map. */
    private static final int LINEAR_LIMIT = 16;

    // a payload's dozen claims fit without growing the arrays
    private String[] names = new String[LINEAR_LIMIT];
    private Object[] values = new Object[LINEAR_LIMIT];
    private int[] hashes = new int[LINEAR_LIMIT];
    private int size;
    private int nullValues;
    /** Name to position, once past the linear limit; null before. */
    private Map<String, Integer> index;

    /** Adds a member; false (and nothing added) when the object already has a member of that name. */
    boolean add(String name, Object value) {
        int hash = name.hashCode();
        if (index != null) {
            if (index.putIfAbsent(name, size) != null) {
                return false;
            }
        } else {
            if (indexOf(name, hash) >= 0) {
                return false;
            }
            if (size == LINEAR_LIMIT) {
                // past a few dozen members a linear check would make a hostile object cost quadratic time, and
                // so would lookups in its map
                index = new HashMap<>(4 * LINEAR_LIMIT);
                for (int i = 0; i < size; i++) {
                    index.put(names[i], i);
                }
                index.put(name, size);
            }
        }
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
            hashes = java.util.Arrays.copyOf(hashes, size * 2);
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

    public String name(int i) {
        return names[i];
    }

    public Object value(int i) {
        return values[i];
    }

    private int indexOf(String name, int hash) {
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** An insertion-ordered, unmodifiable copy, for objects nested inside a header or payload. */
    Map<String, Object> toOrderedMap() {
        Map<String, Object> map = new LinkedHashMap<>((int) (size / 0.75f) + 1);
        for (int i = 0; i < size; i++) {
            map.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * An unmodifiable map over these members in read order, JSON null kept as null, without copying them. Must not
     * be used after further {@link #add} calls (the parser makes none once the object is read).
     */
    public Map<String, Object> asMap() {
        return new JsonObjectMap(names, values, hashes, size, index, nullValues > 0);
    }

    /**
     * {@link #asMap()} without the members set to JSON null: the claims of a payload, which a
     * {@link dev.jwkgate.result.VerifiedToken} keeps as they are ({@link JsonObjectMap#copyOf}).
     */
    public Map<String, Object> withoutNulls() {
        if (nullValues == 0) {
            return asMap();
        }
        JsonMembers kept = new JsonMembers();
        for (int i = 0; i < size; i++) {
            if (values[i] != null) {
                kept.add(names[i], values[i]);
            }
        }
        return kept.asMap();
    }
}
