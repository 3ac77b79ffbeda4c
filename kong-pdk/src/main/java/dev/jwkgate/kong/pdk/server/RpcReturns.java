package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.bridge.Messages;

/** Encodes the {@code RpcReturn} answers: the echoed sequence, plus an {@code InstanceStatus} for StartInstance. */
public final class RpcReturns {

    private static final int INSTANCE_STATUS = 33;

    private RpcReturns() {
    }

    /** An answer with only the sequence, which is what Kong expects for HandleEvent and CloseInstance. */
    public static byte[] sequenceOnly(long sequence) {
        return Messages.encode(out -> out.writeInt64(1, sequence));
    }

    /** The answer to StartInstance; Kong requires {@code instance_status.instance_id}, so ids start at 1. */
    public static byte[] instanceStatus(long sequence, String name, int instanceId, long startedAtEpochSeconds) {
        byte[] status = Messages.encode(out -> {
            out.writeString(1, name);
            out.writeInt32(2, instanceId);
            out.writeInt64(4, startedAtEpochSeconds);
        });
        return Messages.encode(out -> {
            out.writeInt64(1, sequence);
            out.writeByteArray(INSTANCE_STATUS, status);
        });
    }
}
