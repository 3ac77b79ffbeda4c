package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.protocol.KongProtocol;

/** Encodes the {@code RpcReturn} answers: the echoed sequence, plus an {@code InstanceStatus} for StartInstance. */
final class RpcReturns {

    private RpcReturns() {
    }

    /** An answer with only the sequence, which is what Kong expects for HandleEvent and CloseInstance. */
    static byte[] sequenceOnly(long sequence) {
        return KongProtocol.RpcReturn.newBuilder().setSequence(sequence).build().toByteArray();
    }

    /** The answer to StartInstance; Kong requires {@code instance_status.instance_id}, so ids start at 1. */
    static byte[] instanceStatus(long sequence, String name, int instanceId, long startedAtEpochSeconds) {
        return KongProtocol.RpcReturn.newBuilder()
                .setSequence(sequence)
                .setInstanceStatus(KongProtocol.InstanceStatus.newBuilder()
                        .setName(name)
                        .setInstanceId(instanceId)
                        .setStartedAt(startedAtEpochSeconds))
                .build().toByteArray();
    }
}
