package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.KongPlugin;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started instance: the plugin built for one configuration, or the reason that configuration was
 * refused. Counts the StartInstance calls that share it, since every nginx worker starts its own, and the
 * events running on it, so that the plugin is closed only when Kong let go of it and no event still uses it.
 */
final class PluginInstance {

    private static final Logger LOG = LoggerFactory.getLogger(PluginInstance.class);

    private final int id;
    private final String name;
    private final long startedAt;
    private final KongPlugin plugin;
    private final String refusal;
    private final FailureAnswer failureAnswer;
    private final AtomicInteger holders = new AtomicInteger(1);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean pluginClosed = new AtomicBoolean();
    private volatile boolean closed;

    private PluginInstance(int id, String name, long startedAt, KongPlugin plugin, String refusal,
                           FailureAnswer failureAnswer) {
        this.id = id;
        this.name = name;
        this.startedAt = startedAt;
        this.plugin = plugin;
        this.refusal = refusal;
        this.failureAnswer = failureAnswer;
    }

    static PluginInstance running(int id, String name, long startedAt, KongPlugin plugin, FailureAnswer failureAnswer) {
        return new PluginInstance(id, name, startedAt, plugin, null, failureAnswer);
    }

    static PluginInstance refused(int id, String name, long startedAt, String refusal, FailureAnswer failureAnswer) {
        return new PluginInstance(id, name, startedAt, null, refusal, failureAnswer);
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

    /** The answer to an event this instance cannot handle. */
    FailureAnswer failureAnswer() {
        return failureAnswer;
    }

    PluginInstance retain() {
        holders.incrementAndGet();
        return this;
    }

    /** True when no StartInstance holds it any more. */
    boolean release() {
        return holders.decrementAndGet() <= 0;
    }

    /**
     * Marks an event as running on this instance; false when the instance was closed meanwhile, and the event
     * must be treated as one for an unknown instance (Kong then starts the instance again).
     */
    boolean enter() {
        running.incrementAndGet();
        if (closed) {
            exit();
            return false;
        }
        return true;
    }

    /** The event that {@link #enter() entered} has ended. */
    void exit() {
        if (running.decrementAndGet() == 0 && closed) {
            closePlugin();
        }
    }

    /** No StartInstance holds it any more: the plugin is closed now, or when its last running event ends. */
    void closeWhenIdle() {
        closed = true;
        if (running.get() == 0) {
            closePlugin();
        }
    }

    private void closePlugin() {
        if (plugin == null || !pluginClosed.compareAndSet(false, true)) {
            return;
        }
        try {
            plugin.close();
        } catch (RuntimeException e) {
            LOG.warn("instance {} of {}: closing the plugin failed with {}", id, name, e.getClass().getName());
        }
    }
}
