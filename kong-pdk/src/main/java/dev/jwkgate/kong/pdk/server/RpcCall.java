package dev.jwkgate.kong.pdk.server;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.jwkgate.kong.pdk.bridge.Fields;
import java.io.IOException;

/**
 * A decoded {@code RpcCall} from Kong: the sequence to echo and the command.
 *
 * <p>Field numbers follow {@code kong/include/kong/pluginsocket.proto}; the messages are decoded by
 * hand because only a handful of fields matter and no generated code or protoc binary is needed.
 */
public record RpcCall(long sequence, Command command) {

    static final int CMD_GET_PLUGIN_NAMES = 31;
    static final int CMD_GET_PLUGIN_INFO = 32;
    static final int CMD_START_INSTANCE = 33;
    static final int CMD_GET_INSTANCE_STATUS = 34;
    static final int CMD_CLOSE_INSTANCE = 35;
    static final int CMD_HANDLE_EVENT = 36;

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

    public static RpcCall parse(byte[] frame) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(frame);
        long sequence = 0;
        Command command = new Other(0);
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                sequence = in.readInt64();
            } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED && field >= 31 && field <= 36) {
                command = command(field, in.readByteArray());
            } else {
                in.skipField(tag);
            }
        }
        return new RpcCall(sequence, command);
    }

    private static Command command(int field, byte[] body) throws IOException {
        switch (field) {
            case CMD_START_INSTANCE: {
                Fields f = Fields.parse(body);
                return new StartInstance(f.string(1), f.bytes(2));
            }
            case CMD_CLOSE_INSTANCE:
                return new CloseInstance((int) Fields.parse(body).varint(1));
            case CMD_HANDLE_EVENT: {
                Fields f = Fields.parse(body);
                return new HandleEvent((int) f.varint(1), f.string(2));
            }
            case CMD_GET_INSTANCE_STATUS:
                return new GetInstanceStatus((int) Fields.parse(body).varint(1));
            default:
                return new Other(field);
        }
    }
}
