package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keycloak.ProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.keys.KeyProvider;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ConfigurationValidationHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Key provider {@value #ID}: generates signing keys and rotates them on a schedule, publishing each
 * new key before it signs and keeping each old one until its tokens have expired.
 */
public final class RotatingKeyProviderFactory implements KeyProviderFactory<RotatingKeyProvider> {

    public static final String ID = "jwkgate-rotating";

    public static final String ROTATION_PERIOD = "rotationPeriod";
    public static final String PRE_PUBLICATION = "prePublicationLead";
    public static final String RETIREMENT_GRACE = "retirementGrace";
    public static final String ROTATE_NOW = "rotateNow";
    /** Not a declared setting: Keycloak neither shows it through the admin API nor lets a client overwrite it. */
    public static final String STATE = "jwkgate.rotation.state";

    static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA");
    static final String DEFAULT_PERIOD = "30d";
    /** Twice the longest JWKS cache time common gateways use (jwkgate clamps at one day). */
    static final String DEFAULT_LEAD = "2d";
    /** Floor of the automatic grace, when it is longer than every token lifespan of the realm. */
    static final Duration MIN_AUTO_GRACE = Duration.ofDays(1);
    static final long DEFAULT_CHECK_INTERVAL_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(RotatingKeyProviderFactory.class);

    private static final ProviderConfigProperty ALGORITHM_PROPERTY = ProviderSettings.algorithmProperty(ALGORITHMS, "RS256",
            "Algorithm of the generated keys. Keycloak signs the realm's tokens with its default signature algorithm "
                    + "(Realm settings, Tokens): these keys sign only when it is this algorithm, or for clients that ask for it. "
                    + "Changing it starts an early rotation to a key of the new algorithm.");
    private static final ProviderConfigProperty PERIOD_PROPERTY = duration(ROTATION_PERIOD, "Rotation period", DEFAULT_PERIOD,
            "How long each key signs before its successor takes over: 30d, 12h, 90m, 45s or seconds.");
    private static final ProviderConfigProperty LEAD_PROPERTY = duration(PRE_PUBLICATION, "Pre-publication lead", DEFAULT_LEAD,
            "How long a new key is in the JWKS, passive, before it signs; longer than any gateway caches the JWKS. Shorter than the period.");
    private static final ProviderConfigProperty GRACE_PROPERTY = duration(RETIREMENT_GRACE, "Retirement grace", "",
            "How long a replaced key still verifies. Empty: the realm's longest token lifespan, at least 1d. Never shorter than that lifespan.");
    private static final ProviderConfigProperty ROTATE_NOW_PROPERTY = ProviderConfigurationBuilder.create().property()
            .name(ROTATE_NOW).label("Rotate early").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Save with this on to start a rotation now. The new key is published at once and signs after the pre-publication lead.")
            .add().build().get(0);

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderSettings.commonProperties()
            .property(ALGORITHM_PROPERTY)
            .property(PERIOD_PROPERTY)
            .property(LEAD_PROPERTY)
            .property(GRACE_PROPERTY)
            .property(ROTATE_NOW_PROPERTY)
            .build();

    /**
     * Set while the scheduled pass stores a transition. Keycloak runs {@link #validateConfiguration} on
     * that store too, and there the lenient {@link #scheduledPolicy} must apply, not the save-time check.
     */
    private static final ThreadLocal<Boolean> SCHEDULED_STORE = ThreadLocal.withInitial(() -> false);

    private Clock clock = Clock.systemUTC();
    private RotationEngine engine = new RotationEngine(new GeneratedKeys());
    private long checkIntervalSeconds = DEFAULT_CHECK_INTERVAL_SECONDS;

    /** For tests: a fixed or stepping clock and a key source. */
    RotatingKeyProviderFactory with(Clock clock, RotationEngine engine) {
        this.clock = clock;
        this.engine = engine;
        return this;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "jwkgate: generates signing keys and rotates them on a schedule; a new key is in the JWKS before it signs, an old one stays until its tokens expire";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public RotatingKeyProvider create(KeycloakSession session, ComponentModel model) {
        return new RotatingKeyProvider(model);
    }

    /**
     * Runs on every save (and on every transition the scheduled task stores): checks the settings,
     * creates the first key, records an early-rotation request, and makes whatever transition is due.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        ProviderSettings.checkCommon(model);
        ConfigurationValidationHelper.check(model).checkList(ALGORITHM_PROPERTY, false).checkBoolean(ROTATE_NOW_PROPERTY, false);
        RotationPolicy policy;
        RotationState state;
        try {
            policy = SCHEDULED_STORE.get() ? scheduledPolicy(realm, model) : policy(realm, model);
            state = RotationStateCodec.read(model.get(STATE));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ProviderSettings.refusal(e.getMessage());
        }
        if (model.get(ROTATE_NOW, false)) {
            state = state.withEarlyRotationRequested();
            model.put(ROTATE_NOW, "false");
        }
        advance(realm, model, state, policy, clock.instant());
    }

    /** Stores a transition the scheduled pass made (Keycloak validates, persists and invalidates caches). */
    static void storeScheduled(RealmModel realm, ComponentModel model) {
        SCHEDULED_STORE.set(true);
        try {
            realm.updateComponent(model);
        } finally {
            SCHEDULED_STORE.set(false);
        }
    }

    /** Makes every due transition of one component; true when its stored state changed. */
    boolean advance(RealmModel realm, ComponentModel model, RotationState state, RotationPolicy policy, Instant now) {
        RotationEngine.Advance advance = engine.advance(state, policy, now);
        if (!advance.changed()) {
            return false;
        }
        model.put(STATE, RotationStateCodec.write(advance.state()));
        for (RotationEvent event : advance.events()) {
            // a component being created has no id yet
            LOG.infof("%s realm=%s component=%s", event.auditLine(), realm.getName(), model.getId() == null ? "(new)" : model.getId());
        }
        return true;
    }

    /**
     * The schedule of one component as a save must accept it: a grace shorter than the realm's longest
     * token lifespan is refused.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    static RotationPolicy policy(RealmModel realm, ComponentModel model) {
        return policy(realm, model, true);
    }

    /**
     * The schedule for the scheduled pass. When the realm's tokens have come to live longer than the
     * saved grace, the grace is stretched to match. Refusing would halt the rotation, and a longer
     * grace only keeps a retired key verifying a little longer.
     */
    static RotationPolicy scheduledPolicy(RealmModel realm, ComponentModel model) {
        return policy(realm, model, false);
    }

    private static RotationPolicy policy(RealmModel realm, ComponentModel model, boolean strict) {
        Duration longestToken = RealmTokenLifespans.longest(realm);
        String graceText = model.get(RETIREMENT_GRACE);
        Duration grace;
        if (graceText == null || graceText.isBlank()) {
            grace = longestToken.compareTo(MIN_AUTO_GRACE) > 0 ? longestToken : MIN_AUTO_GRACE;
        } else {
            grace = Durations.parse(GRACE_PROPERTY.getLabel(), graceText);
            if (grace.compareTo(longestToken) < 0 && !strict) {
                grace = longestToken;
            } else if (grace.compareTo(longestToken) < 0) {
                throw new IllegalArgumentException("'Retirement grace' (" + Durations.format(grace)
                        + ") is shorter than the longest token lifespan of realm " + realm.getName() + " ("
                        + Durations.format(longestToken) + "): tokens of a retired key would stop verifying before they expire");
            }
        }
        return new RotationPolicy(model.get(ProviderSettings.ALGORITHM, "RS256"),
                Durations.parse(PERIOD_PROPERTY.getLabel(), model.get(ROTATION_PERIOD, DEFAULT_PERIOD)),
                Durations.parse(LEAD_PROPERTY.getLabel(), model.get(PRE_PUBLICATION, DEFAULT_LEAD)),
                grace);
    }

    @Override
    public void init(Config.Scope config) {
        // --spi-keys--jwkgate-rotating--check-interval-seconds=N: how often due transitions are looked for
        checkIntervalSeconds = config.getLong("checkIntervalSeconds", DEFAULT_CHECK_INTERVAL_SECONDS);
        if (checkIntervalSeconds < 1) {
            throw new IllegalArgumentException("check-interval-seconds must be at least 1");
        }
    }

    /**
     * Schedules the rotation pass once Keycloak has created or migrated its database schema (Keycloak publishes
     * {@link PostMigrationEvent} at the end of its start-up). Provider factories start before that, and a pass
     * running earlier would fail on missing tables, logged by Keycloak as an ERROR with a stack trace.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                scheduleRotation(factory);
            }
        });
    }

    private void scheduleRotation(KeycloakSessionFactory factory) {
        long intervalMillis = checkIntervalSeconds * 1000;
        try (KeycloakSession session = factory.create()) {
            // cluster-aware: one node per interval makes the transitions; the others read them from the database
            session.getProvider(TimerProvider.class).schedule(
                    new ClusterAwareScheduledTaskRunner(factory, new RotationTask(this, clock), intervalMillis),
                    intervalMillis, RotationTask.NAME);
        }
        LOG.infof("jwkgate key rotation checks every %d s", checkIntervalSeconds);
    }

    @Override
    public void close() {
    }

    private static ProviderConfigProperty duration(String name, String label, String defaultValue, String help) {
        return ProviderConfigurationBuilder.create().property()
                .name(name).label(label).helpText(help).type(ProviderConfigProperty.STRING_TYPE).defaultValue(defaultValue)
                .add().build().get(0);
    }
}
