package dev.jwkgate.kong.pdk;

import dev.jwkgate.kong.pdk.wire.Messages;

/** {@code kong.node}: the Kong node. */
public final class Node {

    private final PdkChannel channel;

    Node(PdkChannel channel) {
        this.channel = channel;
    }

    public String getId() {
        return Messages.decodeString(channel.call("kong.node.get_id", Messages.empty()));
    }
}
