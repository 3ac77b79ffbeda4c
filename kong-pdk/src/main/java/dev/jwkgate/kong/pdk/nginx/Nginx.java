package dev.jwkgate.kong.pdk.nginx;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;

/** {@code kong.nginx}: nginx variables and request facts. */
public final class Nginx {

    private final PdkChannel channel;

    public Nginx(PdkChannel channel) {
        this.channel = channel;
    }

    /** {@code kong.nginx.get_var}, e.g. {@code cookie_session}; an unset variable reads as "". */
    public String getVar(String name) {
        return Messages.decodeString(channel.call("kong.nginx.get_var", Messages.string(name)));
    }

    public String getSubsystem() {
        return Messages.decodeString(channel.call("kong.nginx.get_subsystem", Messages.empty()));
    }

    /** Seconds since the epoch, with milliseconds. */
    public double reqStartTime() {
        return Messages.decodeNumber(channel.call("kong.nginx.req_start_time", Messages.empty()));
    }
}
