package dev.jwkgate.it.gateways;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Free loopback ports from the range the real-gateway tests may use. A port counts as free only when nothing
 * answers on it and it can be bound: APISIX listens with {@code reuseport}, so a stale instance could otherwise
 * share a port with a new one and silently take part of its traffic.
 */
public final class LoopbackPorts {

    /**
     * The range given to these tests (and the demo's real gateways): fixed ports, never ephemeral ones;
     * {@code -Djwkgate.gateways.ports=FIRST-LAST} moves it (for a run beside another user of the range).
     */
    public static final int FIRST = bound(0, 19080);
    public static final int LAST = bound(1, 19499);

    private static int next = FIRST;

    private LoopbackPorts() {
    }

    /** The next free port of the range (this JVM never hands one out twice). */
    public static synchronized int next() {
        for (int tried = 0; tried <= LAST - FIRST; tried++) {
            int port = next;
            next = port == LAST ? FIRST : port + 1;
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + LAST + " on 127.0.0.1");
    }

    private static int bound(int index, int fallback) {
        String range = System.getProperty("jwkgate.gateways.ports", "");
        if (range.isBlank()) {
            return fallback;
        }
        String[] bounds = range.trim().split("-");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("jwkgate.gateways.ports must read FIRST-LAST, not " + range);
        }
        return Integer.parseInt(bounds[index].trim());
    }

    /** Nothing listens on the port and it can be bound on 127.0.0.1. */
    public static boolean isFree(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return false;
        } catch (IOException refused) {
            // nothing answers: try to bind it
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
