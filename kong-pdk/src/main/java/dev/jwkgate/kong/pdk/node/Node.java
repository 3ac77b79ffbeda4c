package dev.jwkgate.kong.pdk.node;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;

/** {@code kong.node}: the Kong node. */
public final class Node {

    private final PdkChannel channel;

    public Node(PdkChannel channel) {
        this.channel = channel;
    }

    public String getId() {
        return Messages.decodeString(channel.call("kong.node.get_id", Messages.empty()));
    }
}
