package dev.jwkgate.it.e2e;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
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

/**
 * Keycloak's jwkgate rotating key provider on a schedule of seconds, and a bounded load of the realm's tokens through
 * gateways while it rotates twice: what the clients saw, and how often the gateways fetched the realm's JWKS (counted
 * in Keycloak's access log).
 */
public final class RotationUnderLoad {

    private static final Duration PERIOD = Duration.ofSeconds(15);
    /** The gateways refetch the set at 75–85 % of this, well inside the provider's 6 s pre-publication lead. */
    private static final int KEY_SET_TTL_SECONDS = 3;
    /** Only tokens younger than this are sent: older ones may outlive their key's grace (15 s lifespan). */
    private static final Duration TOKEN_AGE = Duration.ofSeconds(8);

    /** One client of the load: sends a token, answers null when it was accepted, else the refusal as seen. */
    @FunctionalInterface
    public interface Client {
        String refusal(String token);
    }

    /** What one run saw. */
    public record Result(Duration took, Set<String> signingKids, int requests, List<String> refusals, int jwksFetches,
                         long fetchBound) {
        @Override
        public String toString() {
            return String.format("%d s, signing keys %s, %d requests, %d refused, JWKS fetches %d (bound %d)",
                    took.toSeconds(), signingKids, requests, refusals.size(), jwksFetches, fetchBound);
        }
    }

    private RotationUnderLoad() {
    }

    /** A realm whose ES256 tokens live 15 s, signed by the rotating provider (period 15 s, lead 6 s, grace 15 s). */
    public static RealmFixture rotatingRealm(AdminApi admin, KeycloakServer keycloak, String name) {
        RealmFixture realm = RealmFixture.create(admin, keycloak, name, "ES256", 15);
        AdminApi.Response created = admin.addKeyProvider(name, "rotating", "jwkgate-rotating", Map.of(
                "priority", "500", "algorithm", "ES256",
                "rotationPeriod", "15s", "prePublicationLead", "6s", "retirementGrace", "15s"));
        if (created.status() != 201) {
            throw new IllegalStateException("the rotating key provider was not added: " + created.body());
        }
        return realm;
    }

    /** The realm's route policy, with its key set refetched every few seconds. */
    public static Policy policy(RealmFixture realm) {
        return realm.policy().set("cache_default_ttl_seconds", KEY_SET_TTL_SECONDS).set("cache_min_ttl_seconds", 1);
    }

    private record Issued(String token, Instant at) {
    }

    /**
     * Runs {@code threadsEach} threads per client, each sending alternately the newest token and the oldest one still
     * young enough, until a third key signs (at most three periods and a margin) or a request is refused.
     */
    public static Result run(KeycloakServer keycloak, RealmFixture realm, Map<String, Client> clients, int threadsEach)
            throws Exception {
        int logStart = keycloak.log().length();
        Instant begin = Instant.now();
        String first = realm.token();
        ConcurrentLinkedDeque<Issued> issued = new ConcurrentLinkedDeque<>(List.of(new Issued(first, begin)));
        Set<String> signingKids = new LinkedHashSet<>(List.of(Tokens.kid(first)));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> refusals = new CopyOnWriteArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(clients.size() * threadsEach);
        List<Future<?>> load = new ArrayList<>();
        try {
            for (int i = 0; i < threadsEach; i++) {
                clients.forEach((name, client) -> load.add(pool.submit(() ->
                        send(name, client, issued, running, requests, refusals))));
            }
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
        int fetches = count(keycloak.log().substring(logStart), "GET /realms/" + realm.name() + "/protocol/openid-connect/certs ");
        // per gateway one refresh per 75 % of the key-set lifetime, plus a few unknown-kid refreshes
        long bound = clients.size() * (took.toMillis() / (KEY_SET_TTL_SECONDS * 750L) + 1) + 4;
        return new Result(took, signingKids, requests.get(), refusals, fetches, bound);
    }

    private static Void send(String name, Client client, ConcurrentLinkedDeque<Issued> issued, AtomicBoolean running,
                             AtomicInteger requests, List<String> refusals) {
        int turn = 0;
        while (running.get()) {
            Issued token = issued.peekLast();
            if (turn++ % 2 == 1) {
                Instant youngest = Instant.now().minus(TOKEN_AGE);
                token = issued.stream().filter(t -> t.at().isAfter(youngest)).findFirst().orElse(token);
            }
            String refusal = client.refusal(token.token());
            requests.incrementAndGet();
            if (refusal != null) {
                refusals.add(name + " refused a token of kid " + Tokens.kid(token.token()) + ": " + refusal);
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
