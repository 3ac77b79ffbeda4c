package dev.jwkgate.kong.pdk.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.PluginDefinition;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances by id and by configuration.
 *
 * <p>Every nginx worker sends its own StartInstance for the same configuration, and Kong re-sends it
 * after any connection hiccup, so an equal configuration returns the existing instance at the cost of
 * one map lookup. Kong bumps {@code __seq__} on every change, so a changed configuration is a new key
 * and a new instance. CloseInstance releases one holder; the instance goes when none is left.
 */
final class InstanceRegistry {

    /** Keys Kong adds to every plugin config (plugins_iterator.lua); they are not the plugin's settings. */
    static final Set<String> KONG_BOOKKEEPING_KEYS = Set.of(
            "route_id", "service_id", "consumer_id", "plugin_instance_name",
            "__plugin_id", "__ws_id", "__key__", "__seq__");

    private static final Logger LOG = LoggerFactory.getLogger(InstanceRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginDefinition definition;
    private final Clock clock;
    private final Map<Integer, PluginInstance> byId = new ConcurrentHashMap<>();
    private final Map<Key, PluginInstance> byConfig = new ConcurrentHashMap<>();
    private final Map<Integer, Key> keyById = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

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
            PluginInstance created = create(pluginName, config);
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
            LOG.info("closed instance {} of {}", id, held.name());
            return null;
        });
    }

    int size() {
        return byId.size();
    }

    private PluginInstance create(String pluginName, Map<String, Object> config) {
        int id = nextId.getAndIncrement();
        long now = clock.instant().getEpochSecond();
        if (config == null) {
            LOG.error("instance {} of {}: refused, the configuration is not a JSON object", id, pluginName);
            return PluginInstance.refused(id, pluginName, now, "the configuration is not a JSON object");
        }
        if (!definition.name().equals(pluginName)) {
            LOG.error("instance {}: Kong asked for plugin '{}', this server runs '{}'", id, pluginName, definition.name());
            return PluginInstance.refused(id, pluginName, now, "this server does not run plugin '" + pluginName + "'");
        }
        try {
            KongPlugin plugin = definition.newInstance(ownSettings(config));
            LOG.info("started instance {} of {}", id, pluginName);
            return PluginInstance.running(id, pluginName, now, plugin);
        } catch (RuntimeException e) {
            // the message names the refused setting; configuration messages never carry secret values
            String reason = e instanceof IllegalArgumentException ? e.getMessage() : "could not start: " + e;
            LOG.error("instance {} of {}: configuration refused: {}", id, pluginName, reason);
            return PluginInstance.refused(id, pluginName, now, reason);
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
