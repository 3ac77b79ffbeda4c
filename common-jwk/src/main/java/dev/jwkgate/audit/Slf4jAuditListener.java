package dev.jwkgate.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The default listener: one log line per event on logger {@code dev.jwkgate.audit}, in the configured
 * {@link AuditLogFormat}. The events a client can cause at will, {@code TOKEN_REFUSED} and {@code UNKNOWN_KID}, are
 * written one by one only up to a budget per interval; the rest are counted and summed up in one line per interval
 * ({@code TOKEN_REFUSED_SUMMARY} with the counts by reason code, {@code UNKNOWN_KID_SUMMARY}), so a flood of bad
 * tokens cannot flood the gateway's error log. Every refusal is still counted in the metrics. Each line is written
 * at its event's {@link #level}.
 */
public final class Slf4jAuditListener implements AuditListener {

    /** Where lines go: the SLF4J logger in production. */
    @FunctionalInterface
    interface LineSink {
        void write(Level level, String line);
    }

    private static final Logger LOG = LoggerFactory.getLogger("dev.jwkgate.audit");
    private static final LineSink SLF4J = (level, line) -> LOG.atLevel(level).log("{}", line);

    private final AuditLogFormat format;
    private final LineSink sink;
    private final Clock clock;
    /** Null: every line is written. */
    private final LogBudget refusals;
    private final LogBudget unknownKids;

    /** Every event written as a text line, none held back (the CLI, embedding). */
    public Slf4jAuditListener() {
        this.format = AuditLogFormat.TEXT;
        this.sink = SLF4J;
        this.clock = Clock.systemUTC();
        this.refusals = null;
        this.unknownKids = null;
    }

    /**
     * Lines in {@code format}; of {@code TOKEN_REFUSED} and of {@code UNKNOWN_KID} each, at most {@code lines} per
     * {@code interval} one by one, the rest summed up.
     */
    public Slf4jAuditListener(AuditLogFormat format, int lines, Duration interval) {
        this(format, lines, interval, Clock.systemUTC(), LogBudget.Timer.JDK, SLF4J);
    }

    Slf4jAuditListener(AuditLogFormat format, int lines, Duration interval, Clock clock, LogBudget.Timer timer,
                       LineSink sink) {
        this.format = Objects.requireNonNull(format);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
        this.refusals = new LogBudget(lines, interval, clock, timer, summary -> summarize("TOKEN_REFUSED_SUMMARY", summary, true));
        this.unknownKids = new LogBudget(lines, interval, clock, timer, summary -> summarize("UNKNOWN_KID_SUMMARY", summary, false));
    }

    /** The format of this listener's lines. */
    public AuditLogFormat format() {
        return format;
    }

    @Override
    public void onEvent(AuditEvent event) {
        switch (event.type()) {
            case TOKEN_REFUSED:
                if (refusals != null && !refusals.admit(String.valueOf(event.attribute("reason")), event.source())) {
                    return;
                }
                break;
            case UNKNOWN_KID:
                if (unknownKids != null && !unknownKids.admit("unknown_kid", event.source())) {
                    return;
                }
                break;
            default:
                break;
        }
        sink.write(level(event), format.line(event));
    }

    /**
     * WARN for what an operator should look at, ERROR when no key set is left, INFO for the rest, a refused
     * encryption key included: an identity provider's set normally holds one (Keycloak publishes an RSA-OAEP
     * key in every realm).
     */
    static Level level(AuditEvent event) {
        switch (event.type()) {
            case KEY_REFUSED:
                return Boolean.TRUE.equals(event.attribute("encryption_key")) ? Level.INFO : Level.WARN;
            case FETCH_FAILED:
            case SOURCE_STALE:
                return Level.WARN;
            case SOURCE_UNAVAILABLE:
                return Level.ERROR;
            default:
                return Level.INFO;
        }
    }

    private void summarize(String event, LogBudget.Summary summary, boolean byReason) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("not_logged", summary.total());
        if (byReason) {
            attributes.put("by_reason", summary.notLogged());
        }
        attributes.put("logged", summary.logged());
        attributes.put("interval_seconds", summary.interval().toSeconds());
        sink.write(Level.INFO, format.line(event, clock.instant(), summary.source(), attributes, null));
    }
}
