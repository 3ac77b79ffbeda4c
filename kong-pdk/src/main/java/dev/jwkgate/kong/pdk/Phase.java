package dev.jwkgate.kong.pdk;

import java.util.Arrays;
import java.util.Optional;

/** The request phases Kong can hand to an external plugin, with their names on the wire and in the dump. */
public enum Phase {
    CERTIFICATE("certificate"),
    REWRITE("rewrite"),
    ACCESS("access"),
    RESPONSE("response"),
    PREREAD("preread"),
    LOG("log");

    private final String wireName;

    Phase(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Phase> byWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    /** Runs this phase's handler of {@code plugin}. */
    public void run(KongPlugin plugin, Kong kong) {
        switch (this) {
            case CERTIFICATE:
                plugin.certificate(kong);
                break;
            case REWRITE:
                plugin.rewrite(kong);
                break;
            case ACCESS:
                plugin.access(kong);
                break;
            case RESPONSE:
                plugin.response(kong);
                break;
            case PREREAD:
                plugin.preread(kong);
                break;
            case LOG:
                plugin.log(kong);
                break;
            default:
                throw new IllegalStateException(name());
        }
    }
}
