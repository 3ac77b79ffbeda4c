package dev.jwkgate.apisix.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The APISIX side of {@code ext-plugin-pre-req}, written from {@code apisix/plugins/ext-plugin/init.lua}:
 * conf tokens cached per route key, PrepareConf on a miss, a request call per request over pooled
 * keep-alive connections, and on "conf token not found" a flush of every cached token and a new try, at
 * most three tries in all, then 503. Thread-safe: concurrent callers use separate connections.
 */
public final class ApisixPeer implements AutoCloseable {

    /** What {@code communicate} gives up with after three tries or another runner error (no degradation). */
    public static final RunnerAnswer.Stop UNAVAILABLE = new RunnerAnswer.Stop(503, List.of(), "");

    private static final int MAX_TRIES = 3;

    private final Path socket;
    private final Map<String, Long> confTokens = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RunnerConnection> idle = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger prepareConfCalls = new AtomicInteger();
    private final AtomicInteger connectionsOpened = new AtomicInteger();

    public ApisixPeer(Path socket) {
        this.socket = socket;
    }

    /** A route's {@code ext-plugin-pre-req} configuration and the cache key APISIX derives for it. */
    public record Route(String key, List<Entry> conf) {
        /** A route with one conf entry, keyed like {@code route#<id>#ext-plugin-pre-req#<version>}. */
        public static Route of(String id, String filterName, String value) {
            return new Route("route#" + id + "#ext-plugin-pre-req#1", List.of(new Entry(filterName, value)));
        }
    }

    /** Runs the plugin for one request: the answer APISIX acts on, or {@link #UNAVAILABLE}. */
    public RunnerAnswer communicate(Route route, PeerRequest request) {
        return communicate(route, request, Map.of());
    }

    public RunnerAnswer communicate(Route route, PeerRequest request, Map<String, String> vars) {
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            long token;
            try {
                token = confToken(route);
            } catch (RunnerConnection.RunnerErrorException e) {
                return UNAVAILABLE;
            }
            RunnerAnswer answer = call(token, request, vars);
            if (!(answer instanceof RunnerAnswer.Error)) {
                return answer;
            }
            if (((RunnerAnswer.Error) answer).code() != RunnerAnswer.Error.CONF_TOKEN_NOT_FOUND) {
                return UNAVAILABLE;
            }
            confTokens.clear(); // "refresh cache and try again": the whole cache, not just this route
        }
        return UNAVAILABLE;
    }

    /** Puts a token in the cache as if APISIX had prepared it earlier (a runner restart, an expiry). */
    public void rememberConfToken(Route route, long token) {
        confTokens.put(route.key(), token);
    }

    public int prepareConfCalls() {
        return prepareConfCalls.get();
    }

    public int connectionsOpened() {
        return connectionsOpened.get();
    }

    private long confToken(Route route) throws RunnerConnection.RunnerErrorException {
        Long cached = confTokens.get(route.key());
        if (cached != null) {
            return cached;
        }
        // a connection of its own, as rpc_call(RPC_PREPARE_CONF) opens one; it is not pooled afterwards
        // because the runner's duplicate answer is still unread on it
        try (RunnerConnection connection = open()) {
            prepareConfCalls.incrementAndGet();
            long token = connection.prepareConf(route.conf(), route.key());
            confTokens.put(route.key(), token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RunnerAnswer call(long token, PeerRequest request, Map<String, String> vars) {
        RunnerConnection connection = idle.poll();
        try {
            if (connection == null) {
                connection = open();
            }
            RunnerAnswer answer = connection.call(ids.incrementAndGet(), token, request, vars);
            idle.add(connection);
            return answer;
        } catch (IOException e) {
            closeQuietly(connection);
            throw new UncheckedIOException(e);
        }
    }

    private RunnerConnection open() throws IOException {
        connectionsOpened.incrementAndGet();
        return RunnerConnection.open(socket);
    }

    private static void closeQuietly(RunnerConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    @Override
    public void close() {
        RunnerConnection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }
}
