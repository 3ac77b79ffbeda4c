package dev.jwkgate.kong.pdk.ctx;

import dev.jwkgate.kong.pdk.bridge.PdkChannel;

/** {@code kong.ctx}: only {@code kong.ctx.shared} crosses the plugin socket. */
public final class Ctx {

    public final SharedContext shared;

    public Ctx(PdkChannel channel) {
        this.shared = new SharedContext(channel);
    }
}
