package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.RealmFixture;
import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import dev.jwkgate.keycloak.it.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak's jwkgate rotating key provider on a schedule of seconds, and a bounded load driver sending Keycloak's
 * tokens through the real APISIX and the real Kong while it rotates twice: no valid request is refused, and the
 * gateways fetch the realm's JWKS a bounded number of times (counted in Keycloak's access log).
 */
@RequiresRealGateways
@ExtendWith({SharedKeycloak.class, SharedRealGateways.class})
class RotationThroughRealGatewaysIT {

    private static final Duration PERIOD = Duration.ofSeconds(15);
    /** The gateways refetch the set at 75–85 % of this, well inside the provider's 6 s pre-publication lead. */
    private static final int KEY_SET_TTL_SECONDS = 3;
    /** Only tokens younger than this are sent: older ones may outlive their key's grace (15 s lifespan). */
    private static final Duration TOKEN_AGE = Duration.ofSeconds(8);
    /** Concurrent client connections per gateway: the load is bounded by these, each waiting for its answer. */
    private static final int CLIENTS_PER_GATEWAY = 2;

    private final KeycloakServer keycloak;
    private final RealGateways gateways;
    private final RealmFixture realm;
    private final Route route;

    RotationThroughRealGatewaysIT(AdminApi admin, KeycloakServer keycloak, RealGateways gateways) {
        this.keycloak = keycloak;
        this.gateways = gateways;
        this.realm = RealmFixture.create(admin, keycloak, "gw-rotating", "ES256", 15);
        AdminApi.Response created = admin.addKeyProvider(realm.name(), "rotating", "jwkgate-rotating", Map.of(
                "priority", "500", "algorithm", "ES256",
                "rotationPeriod", "15s", "prePublicationLead", "6s", "retirementGrace", "15s"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        this.route = Route.jwkgate("rotating", realm.policy()
                .set("cache_default_ttl_seconds", KEY_SET_TTL_SECONDS).set("cache_min_ttl_seconds", 1));
    }

    private record Issued(String token, Instant at) {
    }

    @Test
    void requestsThroughBothGatewaysAcrossTwoRotationsAreNeverRefused() throws Exception {
        gateways.register(route);
        String first = realm.token();
        for (RealGateway gateway : gateways.both()) {
            assertThat(gateways.bearer(gateway, route.prefix() + "warm-up", first).status()).as(gateway.name()).isEqualTo(200);
        }

        int logStart = keycloak.log().length();
        Instant begin = Instant.now();
        ConcurrentLinkedDeque<Issued> issued = new ConcurrentLinkedDeque<>();
        issued.add(new Issued(first, begin));
        Set<String> signingKids = new LinkedHashSet<>(List.of(Tokens.kid(first)));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> refusals = new CopyOnWriteArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(2 * CLIENTS_PER_GATEWAY);
        List<Future<?>> load = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS_PER_GATEWAY; i++) {
                for (RealGateway gateway : gateways.both()) {
                    load.add(pool.submit(() -> send(gateway, issued, running, requests, refusals)));
                }
            }
            // two rotations: a third key signs; bounded by three periods and a margin
            Instant deadline = begin.plus(PERIOD.multipliedBy(3)).plusSeconds(20);
            while (signingKids.size() < 3 && Instant.now().isBefore(deadline) && refusals.isEmpty()) {
                String token = realm.token();
                issued.add(new Issued(token, Instant.now()));
                signingKids.add(Tokens.kid(token));
                Thread.sleep(250); // the pace of the token client, not a wait for an event
            }
        } finally {
            running.set(false);
            for (Future<?> f : load) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }
        Duration took = Duration.between(begin, Instant.now());
        String log = keycloak.log().substring(logStart);
        int jwksFetches = count(log, "GET /realms/" + realm.name() + "/protocol/openid-connect/certs ");
        // per gateway one refresh per 75 % of the key-set lifetime, plus a few unknown-kid refreshes
        long bound = 2 * (took.toMillis() / (KEY_SET_TTL_SECONDS * 750L) + 1) + 4;
        System.out.printf("rotation through the real gateways: %d s, signing keys %s, %d requests (%d/s), %d refused, "
                        + "JWKS fetches %d (bound %d)%n", took.toSeconds(), signingKids, requests.get(),
                requests.get() / Math.max(1, took.toSeconds()), refusals.size(), jwksFetches, bound);

        assertThat(refusals).as("refused requests").isEmpty();
        assertThat(signingKids).as("keys that signed during the run").hasSizeGreaterThanOrEqualTo(3);
        assertThat(requests.get()).isGreaterThan(100);
        assertThat(jwksFetches).isBetween(1, (int) bound);
    }

    private Void send(RealGateway gateway, ConcurrentLinkedDeque<Issued> issued, AtomicBoolean running,
                      AtomicInteger requests, List<String> refusals) {
        int turn = 0;
        while (running.get()) {
            // alternately the newest token and the oldest one still young enough to be valid
            Issued token = issued.peekLast();
            if (turn++ % 2 == 1) {
                Instant youngest = Instant.now().minus(TOKEN_AGE);
                token = issued.stream().filter(t -> t.at().isAfter(youngest)).findFirst().orElse(token);
            }
            Reply reply = gateways.bearer(gateway, route.prefix() + "load", token.token());
            requests.incrementAndGet();
            if (reply.status() != 200) {
                refusals.add(gateway.name() + " refused a token of kid " + Tokens.kid(token.token()) + ": " + reply.verdict());
            }
        }
        return null;
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
