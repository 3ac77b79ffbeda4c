package dev.jwkgate.metrics;

import java.util.Objects;

/**
 * The recorder of this JVM: what validators, gateway policies and shared key sources report to unless they are
 * given another. {@link MetricsRecorder#NONE} until a deployable binds a library at start-up, before it builds any
 * policy (the Kong plugin server and the APISIX runner do when their status port is set). Validators and sources
 * take the recorder when they are built, so one bound later counts only what is built after it.
 */
public final class ProcessMetrics {

    private static volatile MetricsRecorder recorder = MetricsRecorder.NONE;

    private ProcessMetrics() {
    }

    public static MetricsRecorder recorder() {
        return recorder;
    }

    /** Binds {@code next} for everything built from now on. */
    public static void use(MetricsRecorder next) {
        recorder = Objects.requireNonNull(next, "recorder");
    }
}
