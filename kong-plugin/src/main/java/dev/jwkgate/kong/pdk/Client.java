package dev.jwkgate.kong.pdk;

import dev.jwkgate.kong.pdk.wire.Messages;

/** {@code kong.client}: the connecting client. */
public final class Client {

    private final PdkChannel channel;

    Client(PdkChannel channel) {
        this.channel = channel;
    }

    public String getIp() {
        return Messages.decodeString(channel.call("kong.client.get_ip", Messages.empty()));
    }

    public String getForwardedIp() {
        return Messages.decodeString(channel.call("kong.client.get_forwarded_ip", Messages.empty()));
    }

    public int getPort() {
        return Messages.decodeInt(channel.call("kong.client.get_port", Messages.empty()));
    }

    public int getForwardedPort() {
        return Messages.decodeInt(channel.call("kong.client.get_forwarded_port", Messages.empty()));
    }

    /** {@code kong.client.get_protocol(allow_terminated)}. */
    public String getProtocol(boolean allowTerminated) {
        return Messages.decodeString(channel.call("kong.client.get_protocol", Messages.bool(allowTerminated)));
    }
}
