package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one phase of one instance, and fails closed: a refused configuration or a handler exception
 * is logged through {@code kong.log.err} and answered with the plugin's {@link dev.jwkgate.kong.pdk.FailureAnswer}
 * (a 500), because the ProtoBuf protocol has no error reply and closing the connection would make Kong retry
 * the whole event.
 */
final class EventRunner {

    private static final Logger LOG = LoggerFactory.getLogger(EventRunner.class);

    private EventRunner() {
    }

    /**
     * @throws UncheckedIOException when the connection to Kong failed; the caller drops it
     */
    static void run(PluginInstance instance, String eventName, PdkChannel channel) {
        Kong kong = new Kong(channel);
        Optional<Phase> phase = Phase.byWireName(eventName);
        if (phase.isEmpty()) {
            LOG.warn("instance {}: ignoring unknown event '{}'", instance.id(), eventName);
            return;
        }
        if (instance.plugin() == null) {
            failClosed(kong, instance, instance.name() + " configuration refused: " + instance.refusal());
            return;
        }
        try {
            phase.get().run(instance.plugin(), kong);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // the exception text may quote request data, so only its type reaches the logs
            LOG.error("instance {}: {} handler failed with {}", instance.id(), eventName, e.getClass().getName());
            if (!channel.terminated()) {
                failClosed(kong, instance, instance.name() + " failed in " + eventName + ": " + e.getClass().getName());
            }
        }
    }

    private static void failClosed(Kong kong, PluginInstance instance, String logMessage) {
        kong.log.err(logMessage);
        FailureAnswer answer = instance.failureAnswer();
        kong.response.exit(answer.status(), answer.body(), answer.headers());
    }
}
