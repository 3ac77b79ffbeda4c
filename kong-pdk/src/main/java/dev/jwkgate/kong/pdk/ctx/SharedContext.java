package dev.jwkgate.kong.pdk.ctx;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;

/** {@code kong.ctx.shared}: per-request values shared with the other plugins. */
public final class SharedContext {

    private final PdkChannel channel;

    public SharedContext(PdkChannel channel) {
        this.channel = channel;
    }

    /** Stores a string, number, boolean, list or map. */
    public void set(String key, Object value) {
        channel.send("kong.ctx.shared.set", Messages.kv(key, value));
    }

    /** The stored value (numbers come back as Double), or null when absent. */
    public Object get(String key) {
        return Messages.decodeValue(channel.call("kong.ctx.shared.get", Messages.string(key)));
    }
}
