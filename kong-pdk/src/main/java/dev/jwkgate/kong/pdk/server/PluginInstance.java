package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.KongPlugin;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A started instance: the plugin built for one configuration, or the reason that configuration was
 * refused. Counts the StartInstance calls that share it, since every nginx worker starts its own.
 */
final class PluginInstance {

    private final int id;
    private final String name;
    private final long startedAt;
    private final KongPlugin plugin;
    private final String refusal;
    private final AtomicInteger holders = new AtomicInteger(1);

    private PluginInstance(int id, String name, long startedAt, KongPlugin plugin, String refusal) {
        this.id = id;
        this.name = name;
        this.startedAt = startedAt;
        this.plugin = plugin;
        this.refusal = refusal;
    }

    static PluginInstance running(int id, String name, long startedAt, KongPlugin plugin) {
        return new PluginInstance(id, name, startedAt, plugin, null);
    }

    static PluginInstance refused(int id, String name, long startedAt, String refusal) {
        return new PluginInstance(id, name, startedAt, null, refusal);
    }

    int id() {
        return id;
    }

    String name() {
        return name;
    }

    long startedAt() {
        return startedAt;
    }

    /** Null when the configuration was refused. */
    KongPlugin plugin() {
        return plugin;
    }

    /** Why the configuration was refused, naming the setting; null when running. */
    String refusal() {
        return refusal;
    }

    PluginInstance retain() {
        holders.incrementAndGet();
        return this;
    }

    /** True when no StartInstance holds it any more. */
    boolean release() {
        return holders.decrementAndGet() <= 0;
    }
}
