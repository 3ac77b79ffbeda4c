package dev.jwkgate.kong.pdk.client;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.jwkgate.kong.pdk.bridge.MalformedMessageException;
import dev.jwkgate.kong.pdk.bridge.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Codec of the entity messages of pluginsocket.proto: {@code Consumer}, {@code AuthenticatedCredential}. */
final class Entities {

    private Entities() {
    }

    /** An empty message means no consumer: Kong encodes nil as nothing. */
    static Consumer consumer(byte[] message) {
        if (message.length == 0) {
            return null;
        }
        String id = "";
        long createdAt = 0;
        String username = "";
        String customId = "";
        List<String> tags = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> id = in.readString();
                    case 2 -> createdAt = in.readInt64();
                    case 3 -> username = in.readString();
                    case 4 -> customId = in.readString();
                    case 5 -> tags.add(in.readString());
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new MalformedMessageException("a Consumer could not be decoded", e);
        }
        return new Consumer(id, createdAt, username, customId, tags);
    }

    static byte[] consumer(Consumer consumer) {
        return Messages.encode(out -> {
            out.writeString(1, consumer.id());
            out.writeInt64(2, consumer.createdAt());
            out.writeString(3, consumer.username());
            out.writeString(4, consumer.customId());
            for (String tag : consumer.tags()) {
                out.writeString(5, tag);
            }
        });
    }

    static Credential credential(byte[] message) {
        if (message.length == 0) {
            return null;
        }
        String id = "";
        String consumerId = "";
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> id = in.readString();
                    case 2 -> consumerId = in.readString();
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new MalformedMessageException("an AuthenticatedCredential could not be decoded", e);
        }
        return new Credential(id, consumerId);
    }

    static byte[] credential(Credential credential) {
        return Messages.encode(out -> {
            out.writeString(1, credential.id());
            out.writeString(2, credential.consumerId());
        });
    }

    /** {@code AuthenticateArgs{consumer, credential}}; either may be absent. */
    static byte[] authenticateArgs(Consumer consumer, Credential credential) {
        return Messages.encode(out -> {
            if (consumer != null) {
                out.writeByteArray(1, consumer(consumer));
            }
            if (credential != null) {
                out.writeByteArray(2, credential(credential));
            }
        });
    }

    static byte[] consumerSpec(String idOrUsername, boolean byUsername) {
        return Messages.encode(out -> {
            out.writeString(1, idOrUsername);
            out.writeBool(2, byUsername);
        });
    }
}
