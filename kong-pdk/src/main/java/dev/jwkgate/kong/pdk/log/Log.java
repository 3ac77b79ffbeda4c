package dev.jwkgate.kong.pdk.log;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.util.Arrays;

/** {@code kong.log}: writes into Kong's error log, tagged with the plugin; arguments are concatenated by Kong. */
public final class Log {

    private final PdkChannel channel;

    public Log(PdkChannel channel) {
        this.channel = channel;
    }

    public void alert(Object... args) {
        log("alert", args);
    }

    public void crit(Object... args) {
        log("crit", args);
    }

    public void err(Object... args) {
        log("err", args);
    }

    public void warn(Object... args) {
        log("warn", args);
    }

    public void notice(Object... args) {
        log("notice", args);
    }

    public void info(Object... args) {
        log("info", args);
    }

    public void debug(Object... args) {
        log("debug", args);
    }

    private void log(String level, Object[] args) {
        channel.send("kong.log." + level, Messages.listValue(Arrays.asList(args)));
    }
}
