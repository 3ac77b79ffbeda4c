package dev.jwkgate.kong.pdk;

/**
 * A request body as Kong hands it over: in memory, or, when nginx buffered it to disk, the file's path.
 *
 * @param content  the body, or null when it is in a file or could not be read
 * @param filePath where nginx buffered a large body, or null
 * @param error    why the body could not be read, or null
 */
public record RawBody(byte[] content, String filePath, String error) {
}
