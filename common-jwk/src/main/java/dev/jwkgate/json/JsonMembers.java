package dev.jwkgate.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The members of one JSON object in the order they were read, names unique, JSON null kept as null. Plain arrays
 * instead of a hash map because a JOSE header holds three or four members and a payload a dozen: the caller picks
 * the container it needs (a read-only view for the header, an immutable map for the claims) and nothing is hashed
 * twice.
 */
public final class JsonMembers {

    /** Up to this many members, duplicates are found by comparing cached hash codes; beyond it, by a hash set. */
    private static final int LINEAR_LIMIT = 16;

    private String[] names = new String[8];
    private Object[] values = new Object[8];
    private int[] hashes = new int[8];
    private int size;
    private Set<String> index;

    /** Adds a member; false (and nothing added) when the object already has a member of that name. */
    boolean add(String name, Object value) {
        int hash = name.hashCode();
        if (index != null) {
            if (!index.add(name)) {
                return false;
            }
        } else {
            if (indexOf(name, hash) >= 0) {
                return false;
            }
            if (size == LINEAR_LIMIT) {
                // past a few dozen members a linear check would make a hostile object cost quadratic time
                index = new HashSet<>(2 * LINEAR_LIMIT);
                for (int i = 0; i < size; i++) {
                    index.add(names[i]);
                }
                index.add(name);
            }
        }
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
            hashes = java.util.Arrays.copyOf(hashes, size * 2);
        }
        names[size] = name;
        values[size] = value;
        hashes[size] = hash;
        size++;
        return true;
    }

    public int size() {
        return size;
    }

    public String name(int i) {
        return names[i];
    }

    public Object value(int i) {
        return values[i];
    }

    private int indexOf(Object name, int hash) {
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(Object name) {
        if (!(name instanceof String)) {
            return -1;
        }
        if (index != null && !index.contains(name)) {
            return -1;
        }
        return indexOf(name, name.hashCode());
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
     * A read-only map over these members, without copying: lookups scan the few members of a header. Must not be
     * used after further {@link #add} calls.
     */
    public Map<String, Object> asMap() {
        return new View();
    }

    private final class View extends AbstractMap<String, Object> {

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public Object get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }
            };
        }
    }
}
