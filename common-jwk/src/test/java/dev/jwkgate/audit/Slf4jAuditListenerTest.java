package dev.jwkgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.source.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The audit log: how loud each event is, text or JSON lines, the gateway's request id, and a budget for what clients can cause at will. */
class Slf4jAuditListenerTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final LogBudgetTest.ManualTimer timer = new LogBudgetTest.ManualTimer();
    private final List<String> lines = new ArrayList<>();
    private final Slf4jAuditListener.LineSink sink = (level, line) -> lines.add(level + " " + line);

    private Slf4jAuditListener listener(AuditLogFormat format, int budget) {
        return new Slf4jAuditListener(format, budget, Duration.ofSeconds(60), clock, timer, sink);
    }

    private AuditEvent refused(String reason, CorrelatedRequest request) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("reason", reason);
        attributes.put("message", "exp 1 is before now");
        attributes.put("token", "sha256:AAAAAAAAAAAA");
        return new AuditEvent(AuditEventType.TOKEN_REFUSED, clock.instant(), "https://idp.example", attributes, request);
    }

    private static Map<String, Object> json(String line) throws Exception {
        return JsonUtil.parseJson(line.substring(line.indexOf(' ') + 1));
    }

    @Test
    void writesARefusalAsTextByDefaultWithoutAskingForTheRequestId() {
        AtomicInteger asked = new AtomicInteger();

        listener(AuditLogFormat.TEXT, 20).onEvent(refused("expired", () -> {
            asked.incrementAndGet();
            return "r1";
        }));

        assertThat(lines).containsExactly("INFO TOKEN_REFUSED source=https://idp.example "
                + "{reason=expired, message=exp 1 is before now, token=sha256:AAAAAAAAAAAA}");
        assertThat(asked).hasValue(0);
    }

    @Test
    void writesARefusalAsOneJsonObjectWithTheGatewaysRequestId() throws Exception {
        listener(AuditLogFormat.JSON, 20).onEvent(refused("expired", () -> "a1b2c3"));

        Map<String, Object> line = json(lines.get(0));
        assertThat(line).containsEntry("event", "TOKEN_REFUSED").containsEntry("at", "2026-06-01T12:00:00Z")
                .containsEntry("source", "https://idp.example").containsEntry("reason", "expired")
                .containsEntry("token", "sha256:AAAAAAAAAAAA").containsEntry("request_id", "a1b2c3");
    }

    @Test
    void leavesOutARequestIdTheGatewayDoesNotHave() throws Exception {
        listener(AuditLogFormat.JSON, 20).onEvent(refused("expired", () -> ""));
        listener(AuditLogFormat.JSON, 20).onEvent(refused("expired", null));

        assertThat(json(lines.get(0))).doesNotContainKey("request_id");
        assertThat(json(lines.get(1))).doesNotContainKey("request_id");
    }

    @Test
    void escapesAClientSentRequestIdAndKeepsTheJsonOnOneLine() throws Exception {
        listener(AuditLogFormat.JSON, 20).onEvent(refused("expired", () -> "id\n{\"event\":\"forged\"}\u2028x"));

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n").doesNotContain("\u2028");
        assertThat(json(lines.get(0)).get("request_id")).isEqualTo("id\\u000a{\"event\":\"forged\"}\\u2028x");
    }

    @Test
    void writesInstantsAndListsOfSourceEventsAsJsonValues() throws Exception {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("keys", List.of("k1", "k2"));
        attributes.put("since", Instant.parse("2026-06-01T11:00:00Z"));
        listener(AuditLogFormat.JSON, 20).onEvent(new AuditEvent(AuditEventType.SOURCE_STALE, clock.instant(),
                "https://idp.example/certs", attributes));

        Map<String, Object> line = json(lines.get(0));
        assertThat(lines.get(0)).startsWith("WARN ");
        assertThat(line).containsEntry("keys", List.of("k1", "k2")).containsEntry("since", "2026-06-01T11:00:00Z");
    }

    @Test
    void writesTheFirstRefusalsOfAnIntervalAndSumsUpTheRest() throws Exception {
        Slf4jAuditListener listener = listener(AuditLogFormat.JSON, 3);
        AtomicInteger asked = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) {
            listener.onEvent(refused(i % 2 == 0 ? "bad_signature" : "expired", () -> "r" + asked.incrementAndGet()));
        }
        clock.advance(Duration.ofSeconds(60));
        timer.runAll();

        assertThat(lines).hasSize(4);
        assertThat(asked).as("the gateway is asked only for the ids of lines written").hasValue(3);
        Map<String, Object> summary = json(lines.get(3));
        assertThat(summary).containsEntry("event", "TOKEN_REFUSED_SUMMARY").containsEntry("source", "https://idp.example")
                .containsEntry("not_logged", 9_997L).containsEntry("logged", 3L).containsEntry("interval_seconds", 60L);
        assertThat(summary.get("by_reason")).isEqualTo(Map.of("bad_signature", 4_998L, "expired", 4_999L));
    }

    @Test
    void sumsUpUnknownKidsOnABudgetOfTheirOwn() {
        Slf4jAuditListener listener = listener(AuditLogFormat.TEXT, 1);
        listener.onEvent(refused("expired", null));
        for (int i = 0; i < 5; i++) {
            listener.onEvent(new AuditEvent(AuditEventType.UNKNOWN_KID, clock.instant(), "https://idp.example/certs",
                    Map.of("kid", "forged-" + i, "refreshed", false)));
        }
        clock.advance(Duration.ofSeconds(60));
        timer.runAll();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("INFO UNKNOWN_KID source=");
        assertThat(lines.get(2)).isEqualTo("INFO UNKNOWN_KID_SUMMARY source=https://idp.example/certs "
                + "{not_logged=4, logged=1, interval_seconds=60}");
    }

    @Test
    void neverHoldsBackWhatTheKeySourceReports() {
        Slf4jAuditListener listener = listener(AuditLogFormat.TEXT, 0);
        for (int i = 0; i < 100; i++) {
            listener.onEvent(new AuditEvent(AuditEventType.FETCH_FAILED, clock.instant(), "s", Map.of("why", "timeout")));
        }

        assertThat(lines).hasSize(100).allMatch(line -> line.startsWith("WARN FETCH_FAILED"));
    }

    private static AuditEvent event(AuditEventType type, Map<String, Object> attributes) {
        return new AuditEvent(type, Instant.EPOCH, "https://idp.example/certs", attributes);
    }

    @Test
    void aRefusedSigningKeyIsAWarning() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.KEY_REFUSED, Map.of("kid", "k1", "leak", false))))
                .isEqualTo(Level.WARN);
    }

    @Test
    void aRefusedEncryptionKeyIsInformation() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.KEY_REFUSED,
                Map.of("kid", "enc-1", "leak", false, "encryption_key", true)))).isEqualTo(Level.INFO);
    }

    @Test
    void noKeySetLeftIsAnError() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.SOURCE_UNAVAILABLE, Map.of("why", "down"))))
                .isEqualTo(Level.ERROR);
    }

    @Test
    void failingFetchesAreWarnings() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.FETCH_FAILED, Map.of("why", "timeout")))).isEqualTo(Level.WARN);
        assertThat(Slf4jAuditListener.level(event(AuditEventType.SOURCE_STALE, Map.of()))).isEqualTo(Level.WARN);
    }

    @Test
    void aLoadedSetIsInformation() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.KEY_SET_LOADED, Map.of()))).isEqualTo(Level.INFO);
    }
}
