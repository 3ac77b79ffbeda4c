package dev.jwkgate.kong.pdk;

import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import dev.jwkgate.kong.pdk.client.Client;
import dev.jwkgate.kong.pdk.ctx.Ctx;
import dev.jwkgate.kong.pdk.log.Log;
import dev.jwkgate.kong.pdk.nginx.Nginx;
import dev.jwkgate.kong.pdk.node.Node;
import dev.jwkgate.kong.pdk.request.Request;
import dev.jwkgate.kong.pdk.response.Response;
import dev.jwkgate.kong.pdk.service.Service;

/**
 * The PDK handed to a plugin for one event, laid out like Kong's Lua {@code kong} global:
 * {@code kong.request.getHeader(..)}, {@code kong.service.request.setHeader(..)}, {@code kong.ctx.shared.get(..)}.
 */
public final class Kong {

    public final Request request;
    public final Response response;
    public final Service service;
    public final Client client;
    public final Log log;
    public final Ctx ctx;
    public final Nginx nginx;
    public final Node node;

    public Kong(PdkChannel channel) {
        this.request = new Request(channel);
        this.response = new Response(channel);
        this.service = new Service(channel);
        this.client = new Client(channel);
        this.log = new Log(channel);
        this.ctx = new Ctx(channel);
        this.nginx = new Nginx(channel);
        this.node = new Node(channel);
    }
}
