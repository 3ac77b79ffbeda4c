package dev.jwkgate.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak down across a planned publication and activation, then started again on the same database:
 * the stored state survives, and the schedule slips instead of compressing. The current key keeps
 * signing after the restart until its successor, published only now, has had the full lead.
 * (The one test that pays for a second start: it is the only way to show an outage for real.)
 */
@ExtendWith(SharedKeycloak.class)
class OutageIT {

    private static final String REALM = "rotating-outage";
    private static final Duration PERIOD = Duration.ofSeconds(40);
    private static final Duration LEAD = Duration.ofSeconds(25);

    private final AdminApi admin;
    private final KeycloakServer keycloak;

    OutageIT(AdminApi admin, KeycloakServer keycloak) {
        this.admin = admin;
        this.keycloak = keycloak;
    }

    @Test
    void afterAnOutageAcrossThePlannedTransitionTheOldKeySignsUntilTheNewOneHadItsFullLead() throws Exception {
        admin.createRealm(REALM, "ES256", 15);
        admin.createServiceClient(REALM, "svc", "svc-secret-for-tests");
        AdminApi.Response created = admin.addKeyProvider(REALM, "rotating", "jwkgate-rotating", Map.of("priority", "500",
                "algorithm", "ES256", "rotationPeriod", "40s", "prePublicationLead", "25s", "retirementGrace", "15s"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Instant firstActive = Instant.now();
        List<String> before = ourKids(created.createdId());
        assertThat(before).as("only the first key exists before the outage").hasSize(1);
        String first = before.get(0);

        // down before the planned publication (first + 15 s) until after the planned activation (first + 40 s)
        keycloak.stop();
        Duration downUntil = Duration.between(Instant.now(), firstActive.plus(PERIOD).plusSeconds(5));
        Thread.sleep(Math.max(0, downUntil.toMillis()));
        keycloak.startAgain();

        // the first key survived the restart and still signs, past its period
        assertThat(Tokens.kid(admin.clientCredentialsToken(REALM, "svc", "svc-secret-for-tests"))).isEqualTo(first);
        String next = Poll.until("a successor published after the restart", Duration.ofSeconds(20),
                () -> ourKids(created.createdId()).stream().filter(k -> !k.equals(first)).findFirst());
        assertThat(admin.certKids(REALM)).contains(first, next);

        Poll.until("the successor signing", Duration.ofSeconds(60),
                () -> next.equals(Tokens.kid(admin.clientCredentialsToken(REALM, "svc", "svc-secret-for-tests")))
                        ? Optional.of(true) : Optional.empty());
        // published during or after the restart, so it cannot have signed before a full lead from then
        String log = keycloak.log();
        Instant published = eventTime(log, "PUBLISHED", next);
        Instant activated = eventTime(log, "ACTIVATED", next);
        assertThat(published).isAfter(firstActive.plus(PERIOD));
        assertThat(Duration.between(published, activated)).isGreaterThanOrEqualTo(LEAD);
    }

    private List<String> ourKids(String componentId) {
        return admin.keys(REALM).stream().filter(k -> componentId.equals(k.get("providerId")))
                .map(k -> (String) k.get("kid")).collect(Collectors.toList());
    }

    /** The {@code at=} of an audit line, e.g. {@code event=ACTIVATED kid=… alg=ES256 at=2026-…Z}. */
    private static Instant eventTime(String log, String event, String kid) {
        String marker = "event=" + event + " kid=" + kid + " ";
        int line = log.indexOf(marker);
        assertThat(line).as("audit line " + marker).isNotNegative();
        int at = log.indexOf(" at=", line) + 4;
        return Instant.parse(log.substring(at, log.indexOf(' ', at)));
    }
}
