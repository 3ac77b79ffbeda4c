package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keys.rotation.KeyPhase;
import dev.jwkgate.keys.rotation.ManagedKey;
import dev.jwkgate.keys.rotation.RotationEvent;
import dev.jwkgate.keys.rotation.RotationPolicy;
import dev.jwkgate.keys.rotation.RotationSchedule;
import dev.jwkgate.keys.rotation.RotationState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rotation's meters in Keycloak's metrics: transitions and failed passes counted, and per provider the next
 * planned transition, the active key's age and the keys by phase. Labels are the realm's name and the provider's
 * component name (both configured, so bounded), never a kid.
 *
 * <p>Keycloak's Quarkus distribution exposes on its management port's {@code /metrics} what is registered with
 * Micrometer's global registry: Quarkus's {@code MicrometerRecorder} adds its Prometheus registry to
 * {@code Metrics.globalRegistry} when {@code --metrics-enabled=true}, and Keycloak's own user-event metrics
 * ({@code MicrometerUserEventMetricsEventListenerProviderFactory}, 26.5) register their counter there. With metrics
 * off the global registry holds no registry, and every meter registered with it records nothing.
 */
final class RotationMetrics {

    static final String TRANSITIONS = "jwkgate.key.rotation.transitions";
    static final String PASS_FAILURES = "jwkgate.key.rotation.pass.failures";
    static final String NEXT_TRANSITION = "jwkgate.key.rotation.next.transition.timestamp";
    static final String ACTIVE_KEY_AGE = "jwkgate.key.rotation.active.key.age";
    static final String KEYS = "jwkgate.key.rotation.keys";

    private final MeterRegistry registry;
    private final Clock clock;
    /** By component id: what the last look at each provider saw, read by its gauges at every scrape. */
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();

    RotationMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Registered with Keycloak's metrics: Micrometer's global registry. */
    static RotationMetrics keycloak(Clock clock) {
        return new RotationMetrics(Metrics.globalRegistry, clock);
    }

    /** Whether a registry would publish anything: false when Keycloak runs with its metrics off. */
    static boolean keycloakMetricsEnabled() {
        return !Metrics.globalRegistry.getRegistries().isEmpty();
    }

    /** The {@code provider} label: the component's name, which the admin gives it (its id when it has none). */
    static String providerName(org.keycloak.component.ComponentModel component) {
        String name = component.getName();
        if (name != null && !name.isBlank()) {
            return name;
        }
        return component.getId() == null ? "(new)" : component.getId();
    }

    /** Counts the transitions one stored write made, once it has committed. */
    void transitionsStored(String realm, String provider, List<RotationEvent> events) {
        for (RotationEvent event : events) {
            Counter.builder(TRANSITIONS)
                    .description("Key rotation transitions stored by this node (published, activated, retired, removed, withdrawn, reset)")
                    .tags("realm", realm, "provider", provider, "transition", event.type().name().toLowerCase(Locale.ROOT))
                    .register(registry).increment();
        }
    }

    /** A scheduled pass that could not read or store a provider: its keys were not rotated in that pass. */
    void passFailed(String realm, String provider) {
        passFailures(realm, provider).increment();
    }

    private Counter passFailures(String realm, String provider) {
        return Counter.builder(PASS_FAILURES)
                .description("Scheduled rotation passes that failed for a provider on this node (its keys were not rotated)")
                .tags("realm", realm, "provider", provider)
                .register(registry);
    }

    /**
     * What a provider's stored state says now: the gauges of component {@code componentId} read it until the next
     * call. A provider whose state cannot be read has no next transition and no active key ({@code NaN}).
     */
    void observe(String componentId, String realm, String provider, RotationState state, RotationPolicy policy) {
        Observed seen = observed.compute(componentId, (id, old) -> {
            if (old != null && old.realm.equals(realm) && old.provider.equals(provider)) {
                return old;
            }
            if (old != null) {
                old.meters.forEach(registry::remove);
            }
            return register(realm, provider);
        });
        seen.activeSince = state == null ? null : state.inPhase(KeyPhase.ACTIVE).map(ManagedKey::since).orElse(null);
        seen.nextTransition = state == null ? null
                : RotationSchedule.nextTransition(state, policy).map(RotationSchedule.NextTransition::at).orElse(null);
        for (KeyPhase phase : KeyPhase.values()) {
            seen.keys.put(phase, state == null ? Double.NaN : state.keys().stream().filter(k -> k.phase() == phase).count());
        }
    }

    /** Drops the gauges of every provider not in {@code componentIds} (deleted since the last look). */
    void retainOnly(Set<String> componentIds) {
        for (String id : List.copyOf(observed.keySet())) {
            if (!componentIds.contains(id)) {
                Observed gone = observed.remove(id);
                if (gone != null) {
                    gone.meters.forEach(registry::remove);
                }
            }
        }
    }

    private Observed register(String realm, String provider) {
        Observed seen = new Observed(realm, provider);
        Tags tags = Tags.of("realm", realm, "provider", provider);
        // at 0 from the start: an alert on increase() needs the series before the first failure
        seen.meters.add(passFailures(realm, provider));
        seen.meters.add(Gauge.builder(NEXT_TRANSITION, seen, s -> s.nextTransition == null ? Double.NaN : s.nextTransition.getEpochSecond())
                .description("When the provider's next key transition is planned (Unix time; in the past: the next pass makes it)")
                .baseUnit("seconds").tags(tags).strongReference(true).register(registry));
        seen.meters.add(Gauge.builder(ACTIVE_KEY_AGE, seen, s -> s.activeSince == null ? Double.NaN
                        : Duration.between(s.activeSince, clock.instant()).toMillis() / 1000.0)
                .description("How long the provider's active key has been signing")
                .baseUnit("seconds").tags(tags).strongReference(true).register(registry));
        for (KeyPhase phase : KeyPhase.values()) {
            seen.meters.add(Gauge.builder(KEYS, seen, s -> s.keys.getOrDefault(phase, Double.NaN))
                    .description("The provider's keys in the JWKS, by phase (published: waiting to sign)")
                    .tags(tags.and("phase", phase.name().toLowerCase(Locale.ROOT))).strongReference(true).register(registry));
        }
        return seen;
    }

    /** One provider as last seen; written by the look, read by scrapes. */
    private static final class Observed {
        final String realm;
        final String provider;
        final List<Meter> meters = new ArrayList<>();
        final Map<KeyPhase, Double> keys = java.util.Collections.synchronizedMap(new EnumMap<>(KeyPhase.class));
        volatile Instant activeSince;
        volatile Instant nextTransition;

        Observed(String realm, String provider) {
            this.realm = realm;
            this.provider = provider;
        }
    }
}
