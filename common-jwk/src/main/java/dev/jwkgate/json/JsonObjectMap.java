package dev.jwkgate.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The members of one parsed JSON object as an unmodifiable map in the order they were read, over the parser's own
 * arrays: a JWT payload's claims become a map without being copied or hashed again, and a lookup compares the hash
 * codes the duplicate check already computed (a position index past {@code JsonMembers}' linear limit). Behaves as
 * the JDK's {@code Map.of} maps do: every mutator throws {@link UnsupportedOperationException}, and a null key
 * (or, in {@link #containsValue}, a null value) throws {@link NullPointerException}.
 */
public final class JsonObjectMap extends AbstractMap<String, Object> {

    private final String[] names;
    private final Object[] values;
    private final int[] hashes;
    private final int size;
    /** Name to position, only for objects past the linear limit; null otherwise. */
    private final Map<String, Integer> index;
    private final boolean holdsNull;
    /** As {@link JsonMembers} keeps them: the text and spans of names and values not made yet; null when none. */
    private final byte[] source;
    private final long[] nameSpans;
    private final long[] valueSpans;

    /**
     * Over arrays that are never written again; {@code index} as {@link JsonMembers} keeps it, {@code holdsNull}
     * whether a value is JSON null; {@code source} and the spans where names (null) and values
     * ({@link UnreadValue}) are kept unread.
     */
    JsonObjectMap(String[] names, Object[] values, int[] hashes, int size, Map<String, Integer> index,
                  boolean holdsNull, byte[] source, long[] nameSpans, long[] valueSpans) {
        this.source = source;
        this.nameSpans = nameSpans;
        this.valueSpans = valueSpans;
        this.names = names;
        this.values = values;
        this.hashes = hashes;
        this.size = size;
        this.index = index;
        this.holdsNull = holdsNull;
    }

    /**
     * {@code map} as an unmodifiable map without nulls: itself when it is a {@code JsonObjectMap} without JSON null,
     * else {@link Map#copyOf}.
     *
     * @throws NullPointerException when a key or value is null, as {@link Map#copyOf}
     */
    public static Map<String, Object> copyOf(Map<String, Object> map) {
        if (map instanceof JsonObjectMap && !((JsonObjectMap) map).holdsNull) {
            return map;
        }
        return Map.copyOf(map);
    }

    private int indexOf(Object key) {
        Objects.requireNonNull(key);
        if (index != null) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        if (!(key instanceof String)) {
            return -1;
        }
        int hash = key.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && UnreadValue.sameName(names, nameSpans, source, i, (String) key, 0L)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value at {@code i}, made from the text on first use. Safe to race: every thread that finds it unread makes
     * an equal immutable value from the same unchanging bytes and stores it; a reader sees either the marker or a
     * fully made String or Long (their fields are final), and the arrays it reads were filled before this map was
     * made (its fields are final).
     */
    private Object valueAt(int i) {
        return UnreadValue.value(values, valueSpans, source, i);
    }

    /** The name at {@code i}, made from the text on first use, as {@link #valueAt}. */
    private String nameAt(int i) {
        return UnreadValue.name(names, nameSpans, source, i);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : valueAt(i);
    }

    @Override
    public boolean containsValue(Object value) {
        Objects.requireNonNull(value);
        for (int i = 0; i < size; i++) {
            if (value.equals(valueAt(i))) {
                return true;
            }
        }
        return false;
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
                        return new SimpleImmutableEntry<>(nameAt(i), valueAt(i));
                    }
                };
            }
        };
    }

    @Override
    public Object put(String key, Object value) {
        throw unmodifiable();
    }

    @Override
    public Object remove(Object key) {
        throw unmodifiable();
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        throw unmodifiable();
    }

    @Override
    public void clear() {
        throw unmodifiable();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        throw unmodifiable();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        throw unmodifiable();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw unmodifiable();
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        throw unmodifiable();
    }

    @Override
    public Object replace(String key, Object value) {
        throw unmodifiable();
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> mappingFunction) {
        throw unmodifiable();
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
        throw unmodifiable();
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
        throw unmodifiable();
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remappingFunction) {
        throw unmodifiable();
    }

    private static UnsupportedOperationException unmodifiable() {
        return new UnsupportedOperationException("a parsed JSON object is unmodifiable");
    }
}
