package dev.jwkgate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rotating key provider on a schedule of seconds, and both gateways under concurrent load while it
 * rotates twice: every token Keycloak issued is accepted, and the gateways fetch the JWKS a bounded
 * number of times (counted in Keycloak's access log).
 */
@ExtendWith({SharedKeycloak.class, SharedGateways.class})
class RotationWithoutARefusedRequestIT {

    private static final Duration PERIOD = Duration.ofSeconds(15);
    /** The gateways refetch the set at 75–85 % of this, well inside the provider's 6 s pre-publication lead. */
    private static final int KEY_SET_TTL_SECONDS = 3;
    /** Only tokens younger than this are sent: older ones may outlive their key's grace (15 s lifespan). */
    private static final Duration TOKEN_AGE = Duration.ofSeconds(8);
    private static final int WORKERS_PER_GATEWAY = 2;

    private final KeycloakServer keycloak;
    private final Gateways gateways;
    private final RealmFixture realm;

    RotationWithoutARefusedRequestIT(AdminApi admin, KeycloakServer keycloak, Gateways gateways) {
        this.keycloak = keycloak;
        this.gateways = gateways;
        this.realm = RealmFixture.create(admin, keycloak, "e2e-rotating", "ES256", 15);
        AdminApi.Response created = admin.addKeyProvider(realm.name(), "rotating", "jwkgate-rotating", Map.of(
                "priority", "500", "algorithm", "ES256",
                "rotationPeriod", "15s", "prePublicationLead", "6s", "retirementGrace", "15s"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private record Issued(String token, Instant at) {
    }

    @Test
    void concurrentRequestsAcrossTwoRotationsAreNeverRefusedAndTheJwksIsFetchedBoundedTimes() throws Exception {
        Policy policy = realm.policy().set("cache_default_ttl_seconds", KEY_SET_TTL_SECONDS).set("cache_min_ttl_seconds", 1);
        String first = realm.token();
        assertThat(gateways.apisix(policy, first).status()).isEqualTo(200);
        assertThat(gateways.kong(policy, first).status()).isEqualTo(200);

        int logStart = keycloak.log().length();
        Instant begin = Instant.now();
        ConcurrentLinkedDeque<Issued> issued = new ConcurrentLinkedDeque<>();
        issued.add(new Issued(first, begin));
        Set<String> signingKids = new LinkedHashSet<>(List.of(Tokens.kid(first)));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> refusals = new CopyOnWriteArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(2 * WORKERS_PER_GATEWAY);
        List<Future<?>> load = new ArrayList<>();
        try {
            for (int i = 0; i < WORKERS_PER_GATEWAY; i++) {
                load.add(pool.submit(() -> send("APISIX", gateways::apisix, policy, issued, running, requests, refusals)));
                load.add(pool.submit(() -> send("Kong", gateways::kong, policy, issued, running, requests, refusals)));
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
        int discoveryFetches = count(log, "GET /realms/" + realm.name() + "/.well-known/openid-configuration ");
        // per gateway one refresh per 75 % of the key-set lifetime, plus a few unknown-kid refreshes
        long bound = 2 * (took.toMillis() / (KEY_SET_TTL_SECONDS * 750L) + 1) + 4;
        System.out.printf("rotation run: %d s, signing keys %s, %d requests, %d refused, JWKS fetches %d "
                        + "(bound %d), discovery fetches %d%n", took.toSeconds(), signingKids, requests.get(),
                refusals.size(), jwksFetches, bound, discoveryFetches);

        assertThat(refusals).as("refused requests").isEmpty();
        assertThat(signingKids).as("keys that signed during the run").hasSizeGreaterThanOrEqualTo(3);
        assertThat(requests.get()).isGreaterThan(100);
        assertThat(jwksFetches).isBetween(1, (int) bound);
    }

    private static Void send(String name, BiFunction<Policy, String, Answer> gateway, Policy policy,
                             ConcurrentLinkedDeque<Issued> issued, AtomicBoolean running, AtomicInteger requests,
                             List<String> refusals) {
        int turn = 0;
        while (running.get()) {
            // alternately the newest token and the oldest one still young enough to be valid
            Issued token = issued.peekLast();
            if (turn++ % 2 == 1) {
                Instant youngest = Instant.now().minus(TOKEN_AGE);
                token = issued.stream().filter(t -> t.at().isAfter(youngest)).findFirst().orElse(token);
            }
            Answer answer = gateway.apply(policy, token.token());
            requests.incrementAndGet();
            if (answer.status() != 200) {
                refusals.add(name + " refused a token of kid " + Tokens.kid(token.token()) + ": " + answer.verdict());
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
