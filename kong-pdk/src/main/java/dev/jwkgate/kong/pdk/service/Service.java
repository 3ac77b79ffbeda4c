package dev.jwkgate.kong.pdk.service;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import dev.jwkgate.kong.pdk.protocol.KongProtocol;
import dev.jwkgate.kong.pdk.service.request.ServiceRequest;
import dev.jwkgate.kong.pdk.service.response.ServiceResponse;

/** {@code kong.service}: the upstream service, {@code kong.service.request} sent to it and {@code kong.service.response} from it. */
public final class Service {

    public final ServiceRequest request;
    public final ServiceResponse response;
    private final PdkChannel channel;

    public Service(PdkChannel channel) {
        this.channel = channel;
        this.request = new ServiceRequest(channel);
        this.response = new ServiceResponse(channel);
    }

    /** {@code kong.service.set_upstream}: true when Kong found the upstream. */
    public boolean setUpstream(String host) {
        return Messages.decodeBool(channel.call("kong.service.set_upstream", Messages.string(host)));
    }

    public void setTarget(String host, int port) {
        channel.send("kong.service.set_target",
                KongProtocol.Target.newBuilder().setHost(host).setPort(port).build().toByteArray());
    }
}
