package dev.jwkgate.demo;

import dev.jwkgate.it.gateways.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The loopback ports the demo listens on: a block of six consecutive ports starting at {@code -Djwkgate.demo.ports}
 * ({@value #DEFAULT_FIRST} by default). A port of the block that is taken is replaced by any free one, and the demo
 * prints the ports it got.
 *
 * @param first the block's first port
 */
record DemoPorts(int first) {

    static final int DEFAULT_FIRST = 8000;

    static DemoPorts fromSystemProperties() {
        return new DemoPorts(Integer.getInteger("jwkgate.demo.ports", DEFAULT_FIRST));
    }

    /** The front ({@code /apisix/…}, {@code /kong/…}). */
    int front() {
        return first;
    }

    /** The real APISIX's proxy port. */
    int apisix() {
        return first + 1;
    }

    /** The real Kong's proxy port. */
    int kong() {
        return first + 2;
    }

    /** The real Kong's Admin API (loopback only; the demo loads its routes through it). */
    int kongAdmin() {
        return first + 3;
    }

    /** The echo upstream behind the real APISIX. */
    int apisixUpstream() {
        return first + 4;
    }

    /** The echo upstream behind the real Kong. */
    int kongUpstream() {
        return first + 5;
    }

    /**
     * {@code preferred} when nothing answers on it and it can be bound (APISIX listens with {@code reuseport}, so a
     * port another server holds that way must not count as free), else a free port the system picks.
     */
    static int freeOr(int preferred) {
        if (LoopbackPorts.isFree(preferred)) {
            return preferred;
        }
        try (ServerSocket any = new ServerSocket()) {
            any.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return any.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
