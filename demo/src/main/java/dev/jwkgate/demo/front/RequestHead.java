package dev.jwkgate.demo.front;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HTTP/1.1 request head (RFC 9112 §2–§5): the request line and every header line, in order, up to the
 * empty line; the body, if any, is left unread.
 */
final class RequestHead {

    /** RFC 9110 §5.6.2 {@code tchar}, besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private RequestHead() {
    }

    /** The head is longer than the limit: the answer is 431 (RFC 6585 §5). */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("request head larger than " + limit + " bytes");
        }
    }

    /** The head is not HTTP/1.x: the answer is 400. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String what) {
            super(what);
        }
    }

    /**
     * Reads one request head of at most {@code limit} bytes, line endings included.
     *
     * @throws TooLarge     beyond the limit
     * @throws Malformed    when it is not a request head
     * @throws EOFException when the client closed before the end of the head
     */
    static FrontRequest read(InputStream in, int limit, InetAddress client) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed before the end of the request head");
            }
            if (++total > limit) {
                throw new TooLarge(limit);
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            // CRLF ends a line; a bare LF is accepted too (RFC 9112 §2.2)
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            line.reset();
            if (length == 0) {
                if (lines.isEmpty()) {
                    continue; // empty lines before the request line are ignored (RFC 9112 §2.2)
                }
                return parse(lines, client);
            }
            lines.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
    }

    private static FrontRequest parse(List<String> lines, InetAddress client) throws Malformed {
        String[] requestLine = lines.get(0).split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0]) || !requestLine[2].startsWith("HTTP/1.")) {
            throw new Malformed("not an HTTP/1.1 request line");
        }
        String target = originForm(requestLine[1]);
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        List<Header> headers = new ArrayList<>();
        for (String field : lines.subList(1, lines.size())) {
            if (field.startsWith(" ") || field.startsWith("\t")) {
                throw new Malformed("obsolete line folding in a header (RFC 9112 §5.2)");
            }
            int colon = field.indexOf(':');
            if (colon <= 0 || !isToken(field.substring(0, colon))) {
                throw new Malformed("a header line without a valid name (RFC 9112 §5.1)");
            }
            headers.add(new Header(field.substring(0, colon), field.substring(colon + 1).strip()));
        }
        return new FrontRequest(requestLine[0], path, query, headers, client);
    }

    /** The path and query of a request target in origin form, or in absolute form as a proxy receives it. */
    private static String originForm(String target) throws Malformed {
        if (target.startsWith("/")) {
            return target;
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            try {
                URI uri = URI.create(target);
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            } catch (IllegalArgumentException e) {
                throw new Malformed("a request target that is not a URI");
            }
        }
        throw new Malformed("a request target that is neither a path nor an absolute URI");
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letterOrDigit = c < 0x80 && Character.isLetterOrDigit(c);
            if (!letterOrDigit && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
