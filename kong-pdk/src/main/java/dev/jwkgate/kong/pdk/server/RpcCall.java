package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.protocol.KongProtocol;
import java.io.IOException;

/**
 * A decoded {@code RpcCall} from Kong: the sequence to echo and the command.
 *
 * <p>Decoded by the class protoc generates from {@code kong_plugin_protocol.proto}, into the commands the server
 * dispatches on.
 */
record RpcCall(long sequence, Command command) {

    /** The one command an {@code RpcCall} carries. */
    public sealed interface Command permits StartInstance, CloseInstance, HandleEvent, GetInstanceStatus, Other {
    }

    /** {@code CmdStartInstance}: the plugin name and its config as JSON bytes. */
    public record StartInstance(String name, byte[] config) implements Command {
    }

    /** {@code CmdCloseInstance}. */
    public record CloseInstance(int instanceId) implements Command {
    }

    /** {@code CmdHandleEvent}: run a phase ({@code access}, {@code log}, …) on an instance. */
    public record HandleEvent(int instanceId, String eventName) implements Command {
    }

    /** {@code CmdGetInstanceStatus}. */
    public record GetInstanceStatus(int instanceId) implements Command {
    }

    /** A command Kong 3.x never sends (plugin names or info), or none at all. */
    public record Other(int fieldNumber) implements Command {
    }

    /** Decodes one frame from Kong; a frame that is no {@code RpcCall} fails, and the server drops the connection. */
    public static RpcCall parse(byte[] frame) throws IOException {
        KongProtocol.RpcCall call = KongProtocol.RpcCall.parseFrom(frame);
        return new RpcCall(call.getSequence(), command(call));
    }

    private static Command command(KongProtocol.RpcCall call) {
        switch (call.getCallCase()) {
            case CMD_START_INSTANCE:
                return new StartInstance(call.getCmdStartInstance().getName(),
                        call.getCmdStartInstance().getConfig().toByteArray());
            case CMD_CLOSE_INSTANCE:
                return new CloseInstance(call.getCmdCloseInstance().getInstanceId());
            case CMD_HANDLE_EVENT:
                return new HandleEvent(call.getCmdHandleEvent().getInstanceId(), call.getCmdHandleEvent().getEventName());
            case CMD_GET_INSTANCE_STATUS:
                return new GetInstanceStatus(call.getCmdGetInstanceStatus().getInstanceId());
            case CALL_NOT_SET:
                return new Other(0);
            default:
                return new Other(call.getCallCase().getNumber());
        }
    }
}
