package dev.jwkgate.kong.pdk.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.PluginDefinition;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances by id and by configuration.
 *
 * <p>Every nginx worker sends its own StartInstance for the same configuration, and Kong re-sends it
 * after any connection hiccup, so an equal configuration returns the existing instance at the cost of
 * one map lookup. Kong bumps {@code __seq__} on every change, so a changed configuration is a new key
 * and a new instance. CloseInstance releases one holder; the instance goes when none is left, and its plugin is
 * closed ({@link dev.jwkgate.kong.pdk.KongPlugin#close()}) once no event runs on it any more.
 *
 * <p>The id is the configuration's {@code __seq__}, as go-pdk does: Kong draws it from one node-wide
 * counter, so it names one configuration, and it still names the same one after this server
 * restarts. With counted ids a worker holding a cached id from before a restart could reach another
 * route's instance that the new process happened to number alike, and be judged by its policy.
 * Without a usable {@code __seq__}, a random unused id far above Kong's counter is drawn.
 */
final class InstanceRegistry {

    /**
     * Keys Kong adds to plugin configs; they are not the plugin's settings. Most come from {@code plugins_iterator.lua};
     * {@code $refs} holds the vault references of a config whose {@code referenceable} fields Kong resolved
     * ({@code kong/db/schema/init.lua}, {@code process_auto_fields}): the original {@code {vault://…}} strings, by field.
     */
    static final Set<String> KONG_BOOKKEEPING_KEYS = Set.of(
            "route_id", "service_id", "consumer_id", "plugin_instance_name",
            "__plugin_id", "__ws_id", "__key__", "__seq__", "$refs");

    /** Ids drawn at random start here, far above any {@code __seq__} a Kong node reaches. */
    static final int RANDOM_ID_BASE = 1 << 30;

    private static final Logger LOG = LoggerFactory.getLogger(InstanceRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginDefinition definition;
    private final Clock clock;
    private final Map<Integer, PluginInstance> byId = new ConcurrentHashMap<>();
    private final Map<Key, PluginInstance> byConfig = new ConcurrentHashMap<>();
    private final Map<Integer, Key> keyById = new ConcurrentHashMap<>();
    private final Set<Integer> usedIds = new HashSet<>();

    InstanceRegistry(PluginDefinition definition, Clock clock) {
        this.definition = definition;
        this.clock = clock;
    }

    /** The instance for this configuration, started if it is new. Never throws for a bad configuration. */
    PluginInstance start(String pluginName, byte[] configJson) {
        Map<String, Object> config = parse(configJson);
        Key key = new Key(pluginName, config);
        return byConfig.compute(key, (k, existing) -> {
            if (existing != null) {
                return existing.retain();
            }
            PluginInstance created = create(reserveId(config), pluginName, config);
            keyById.put(created.id(), k);
            byId.put(created.id(), created);
            return created;
        });
    }

    Optional<PluginInstance> get(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Releases one holder of the instance; unknown ids are ignored, since Kong ignores the answer. */
    void close(int id) {
        Key key = keyById.get(id);
        if (key == null) {
            return;
        }
        // inside compute, so a concurrent StartInstance of the same configuration either retains the
        // instance before this release or creates a fresh one after it
        byConfig.computeIfPresent(key, (k, held) -> {
            if (held.id() != id || !held.release()) {
                return held;
            }
            byId.remove(id);
            keyById.remove(id);
            releaseId(id);
            held.closeWhenIdle();
            LOG.info("closed instance {} of {}", id, held.name());
            return null;
        });
    }

    int size() {
        return byId.size();
    }

    private synchronized int reserveId(Map<String, Object> config) {
        Object seq = config == null ? null : config.get("__seq__");
        if (seq instanceof Number && ((Number) seq).doubleValue() == ((Number) seq).longValue()) {
            long value = ((Number) seq).longValue();
            if (value >= 1 && value < RANDOM_ID_BASE && usedIds.add((int) value)) {
                return (int) value;
            }
        }
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(RANDOM_ID_BASE, Integer.MAX_VALUE);
        } while (!usedIds.add(id));
        return id;
    }

    private synchronized void releaseId(int id) {
        usedIds.remove(id);
    }

    private PluginInstance create(int id, String pluginName, Map<String, Object> config) {
        long now = clock.instant().getEpochSecond();
        FailureAnswer failure = definition.failureAnswer();
        if (config == null) {
            LOG.error("instance {} of {}: refused, the configuration is not a JSON object", id, pluginName);
            return PluginInstance.refused(id, pluginName, now, "the configuration is not a JSON object", failure);
        }
        if (!definition.name().equals(pluginName)) {
            LOG.error("instance {}: Kong asked for plugin '{}', this server runs '{}'", id, pluginName, definition.name());
            return PluginInstance.refused(id, pluginName, now, "this server does not run plugin '" + pluginName + "'", failure);
        }
        try {
            KongPlugin plugin = definition.newInstance(ownSettings(config));
            LOG.info("started instance {} of {}", id, pluginName);
            return PluginInstance.running(id, pluginName, now, plugin, failure);
        } catch (RuntimeException e) {
            // the message names the refused setting; configuration messages never carry secret values
            String reason = e instanceof IllegalArgumentException ? e.getMessage() : "could not start: " + e;
            LOG.error("instance {} of {}: configuration refused: {}", id, pluginName, reason);
            return PluginInstance.refused(id, pluginName, now, reason, failure);
        }
    }

    private static Map<String, Object> ownSettings(Map<String, Object> config) {
        Map<String, Object> own = new LinkedHashMap<>();
        config.forEach((name, value) -> {
            if (value != null && !KONG_BOOKKEEPING_KEYS.contains(name)) {
                own.put(name, value);
            }
        });
        return own;
    }

    private static Map<String, Object> parse(byte[] configJson) {
        try {
            Object parsed = JSON.readValue(configJson, new TypeReference<Object>() { });
            if (parsed instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) parsed;
                return map;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Equal plugin name and equal parsed configuration (key order does not matter). */
    private record Key(String pluginName, Map<String, Object> config) {
    }
}
