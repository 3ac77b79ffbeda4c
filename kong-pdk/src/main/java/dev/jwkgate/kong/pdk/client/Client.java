package dev.jwkgate.kong.pdk.client;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;

/** {@code kong.client}: the connecting client. */
public final class Client {

    private final PdkChannel channel;

    public Client(PdkChannel channel) {
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

    /** {@code kong.client.get_consumer}: the consumer an earlier plugin authenticated, or null. */
    public Consumer getConsumer() {
        return Entities.consumer(channel.call("kong.client.get_consumer", Messages.empty()));
    }

    /** {@code kong.client.get_credential}: the credential an earlier plugin authenticated with, or null. */
    public Credential getCredential() {
        return Entities.credential(channel.call("kong.client.get_credential", Messages.empty()));
    }

    /** {@code kong.client.load_consumer(id, by_username)}: null when there is no such consumer. */
    public Consumer loadConsumer(String idOrUsername, boolean byUsername) {
        return Entities.consumer(channel.call("kong.client.load_consumer", Entities.consumerSpec(idOrUsername, byUsername)));
    }

    /**
     * {@code kong.client.authenticate(consumer, credential)}: tells Kong and the plugins after this one
     * (ACL, rate limiting) who the request belongs to. Either may be null, not both.
     */
    public void authenticate(Consumer consumer, Credential credential) {
        channel.send("kong.client.authenticate", Entities.authenticateArgs(consumer, credential));
    }

    /** {@code kong.client.get_protocol(allow_terminated)}. */
    public String getProtocol(boolean allowTerminated) {
        return Messages.decodeString(channel.call("kong.client.get_protocol", Messages.bool(allowTerminated)));
    }
}
