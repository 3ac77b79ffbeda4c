package dev.jwkgate.apisix.peer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the runner answered to one request call. */
public sealed interface RunnerAnswer {

    /** Action {@code Stop}: APISIX answers the client itself (status 0 becomes 200). */
    record Stop(int status, List<Entry> headers, String body) implements RunnerAnswer {
        /** The value of a response header, matched case-insensitively as APISIX lower-cases the names. */
        public Optional<String> header(String name) {
            return headers.stream().filter(e -> e.name().equalsIgnoreCase(name)).map(Entry::value).findFirst();
        }
    }

    /** Action {@code Rewrite}: APISIX changes the upstream request and proxies it. */
    record Rewrite(String path, List<Entry> headers, List<Entry> args) implements RunnerAnswer {
        /** The header entries for this name (any case); an entry with a null value removes the header. */
        public List<Entry> headerEntries(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return headers.stream().filter(e -> e.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
        }
    }

    /** Action {@code NONE}: APISIX proxies the request unchanged. */
    record Pass() implements RunnerAnswer {
    }

    /** {@code RPC_ERROR}: 0 bad request, 1 service unavailable, 2 conf token not found. */
    record Error(int code) implements RunnerAnswer {
        public static final int BAD_REQUEST = 0;
        public static final int SERVICE_UNAVAILABLE = 1;
        public static final int CONF_TOKEN_NOT_FOUND = 2;
    }
}
