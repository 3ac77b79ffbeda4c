package dev.jwkgate.kong.pdk.request;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.jwkgate.kong.pdk.bridge.MalformedMessageException;
import java.io.IOException;

/**
 * A request body as Kong hands it over: in memory, or, when nginx buffered it to disk, the file's path.
 *
 * @param content  the body, or null when it is in a file or could not be read
 * @param filePath where nginx buffered a large body, or null
 * @param error    why the body could not be read, or null
 */
public record RawBody(byte[] content, String filePath, String error) {

    /** Decodes Kong's {@code RawBodyResult}. */
    static RawBody decode(byte[] message) {
        byte[] content = null;
        String file = null;
        String error = null;
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> content = in.readByteArray();
                    case 2 -> file = in.readString();
                    case 3 -> error = in.readString();
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new MalformedMessageException("a RawBodyResult could not be decoded", e);
        }
        // an empty body leaves every field of the oneof off the wire
        if (content == null && file == null && error == null) {
            content = new byte[0];
        }
        return new RawBody(content, file, error);
    }
}
