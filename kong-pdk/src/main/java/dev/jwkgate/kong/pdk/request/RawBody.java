package dev.jwkgate.kong.pdk.request;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.protocol.KongProtocol;

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
        KongProtocol.RawBodyResult result = Messages.parse(message, KongProtocol.RawBodyResult.parser());
        switch (result.getKindCase()) {
            case BODY_FILEPATH:
                return new RawBody(null, result.getBodyFilepath(), null);
            case ERROR:
                return new RawBody(null, null, result.getError());
            default:
                // an empty body leaves every field of the oneof off the wire
                return new RawBody(result.getContent().toByteArray(), null, null);
        }
    }
}
