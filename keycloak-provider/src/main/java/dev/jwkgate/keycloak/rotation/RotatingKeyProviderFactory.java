package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keycloak.AfterCommit;
import dev.jwkgate.keycloak.ProviderSettings;
import dev.jwkgate.keycloak.VaultReference;
import dev.jwkgate.keys.rotation.Durations;
import dev.jwkgate.keys.rotation.GeneratedKeys;
import dev.jwkgate.keys.rotation.KeyEncryptionKeyring;
import dev.jwkgate.keys.rotation.KeyPhase;
import dev.jwkgate.keys.rotation.ManagedKey;
import dev.jwkgate.keys.rotation.PrivateKeyStorage;
import dev.jwkgate.keys.rotation.RetirementGrace;
import dev.jwkgate.keys.rotation.RotationEngine;
import dev.jwkgate.keys.rotation.RotationEvent;
import dev.jwkgate.keys.rotation.RotationPolicy;
import dev.jwkgate.keys.rotation.RotationSchedule;
import dev.jwkgate.keys.rotation.RotationState;
import dev.jwkgate.keys.rotation.RotationStateCodec;
import dev.jwkgate.keys.rotation.StoredKeysCheck;
import dev.jwkgate.keys.rotation.UnreadableStateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
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
    public static final String KEY_ENCRYPTION_KEY = "keyEncryptionKey";
    public static final String RESET_UNREADABLE_STATE = "resetUnreadableState";
    public static final String KEY_SCHEDULE = "keySchedule";
    /**
     * Not a declared setting, so Keycloak's admin API never shows it and an update never replaces it
     * ({@code RepresentationToModel.updateComponent} skips undeclared names). A create does copy every
     * name it is sent ({@code RepresentationToModel.toModel}), as a realm import does: such a state is
     * taken only when it passes the checks of {@link StoredKeysCheck}.
     */
    public static final String STATE = "jwkgate.rotation.state";

    static final List<String> ALGORITHMS = GeneratedKeys.ALGORITHMS;
    static final String DEFAULT_PERIOD = Durations.format(RotationPolicy.DEFAULT_PERIOD);
    static final String DEFAULT_LEAD = Durations.format(RotationPolicy.DEFAULT_LEAD);
    static final long DEFAULT_CHECK_INTERVAL_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(RotatingKeyProviderFactory.class);

    private static final ProviderConfigProperty ALGORITHM_PROPERTY = ProviderSettings.algorithmProperty(ALGORITHMS, "RS256",
            "Algorithm of the generated keys. Changing it starts an early rotation to a key of the new algorithm. Keycloak signs "
                    + "tokens with the realm's default signature algorithm (Realm settings > Tokens): set it to this algorithm, "
                    + "or these keys are published but sign nothing.");
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
    private static final ProviderConfigProperty KEK_PROPERTY = ProviderConfigurationBuilder.create().property()
            .name(KEY_ENCRYPTION_KEY).label("Key encryption key").type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
            .helpText("A vault reference such as ${vault.jwkgate_kek} to a base64 AES-256 key: the private keys are then stored encrypted "
                    + "(AES-GCM). Several keys separated by spaces: the first encrypts, all decrypt, and the next pass re-encrypts under the first. "
                    + "Empty: the private keys are stored unencrypted in the database.")
            .add().build().get(0);
    private static final ProviderConfigProperty RESET_PROPERTY = ProviderConfigurationBuilder.create().property()
            .name(RESET_UNREADABLE_STATE).label("Reset unreadable state").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("Repair: only when the stored keys cannot be read. Save with this on to discard them and start again with a new key "
                    + "that signs at once. Refused while the stored keys are readable.")
            .add().build().get(0);
    private static final ProviderConfigProperty SCHEDULE_PROPERTY = scheduleProperty();

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderSettings.commonProperties()
            .property(ALGORITHM_PROPERTY)
            .property(PERIOD_PROPERTY)
            .property(LEAD_PROPERTY)
            .property(GRACE_PROPERTY)
            .property(ROTATE_NOW_PROPERTY)
            .property(KEK_PROPERTY)
            .property(RESET_PROPERTY)
            .property(SCHEDULE_PROPERTY)
            .build();

    /**
     * The revision a scheduled pass read, while it stores its transition; null for an admin's save.
     * Keycloak runs {@link #validateConfiguration} on that store too, and there the lenient
     * {@link #scheduledPolicy} applies and the revision is compared with the stored one.
     */
    private static final ThreadLocal<Long> SCHEDULED_STORE = new ThreadLocal<>();

    /** For the scheduled pass's look-ahead: transitions without generating keys. */
    private static final RotationEngine DRY_RUN = new RotationEngine((alg, at) -> new ManagedKey("dry-run", alg, KeyPhase.PUBLISHED, at, at, "", ""));

    private Clock clock = Clock.systemUTC();
    private RotationEngine engine = new RotationEngine(new GeneratedKeys());
    private RotationStateStore store = new JpaRotationStateStore();
    private KeyCertificates certificates = KeyCertificates.keycloak();
    private RotationTask.Transactions transactions = RotationTask.Transactions.keycloak();
    private long checkIntervalSeconds = DEFAULT_CHECK_INTERVAL_SECONDS;
    private RotationMetrics metrics = RotationMetrics.keycloak(clock);

    /** For tests: a fixed or stepping clock, a key source, the stored state and a certificate maker. */
    RotatingKeyProviderFactory with(Clock clock, RotationEngine engine, RotationStateStore store, KeyCertificates certificates,
                                    RotationTask.Transactions transactions) {
        this.clock = clock;
        this.engine = engine;
        this.store = store;
        this.certificates = certificates;
        this.transactions = transactions;
        this.metrics = RotationMetrics.keycloak(clock);
        return this;
    }

    /** For tests: the registry the rotation's meters go to. */
    RotatingKeyProviderFactory withMetrics(RotationMetrics metrics) {
        this.metrics = metrics;
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
        return new RotatingKeyProvider(session, model);
    }

    /**
     * Runs on every save and on every transition the scheduled task stores, on whichever node. It takes
     * the component's row lock and compares the revision of the copy being saved with the one the
     * database holds: a save or pass that raced another writer is not stored (compare-and-set), so it
     * can never undo a transition. Then it checks the settings, makes the due transitions, adds missing
     * certificates, stores the private keys as the key-encryption setting says, and writes the next revision.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        ProviderSettings.checkCommon(model);
        ConfigurationValidationHelper.check(model).checkList(ALGORITHM_PROPERTY, false)
                .checkBoolean(ROTATE_NOW_PROPERTY, false).checkBoolean(RESET_PROPERTY, false);
        Long readRevision = SCHEDULED_STORE.get();
        boolean scheduled = readRevision != null;
        RotationPolicy policy;
        PrivateKeyStorage storage;
        try {
            policy = scheduled ? scheduledPolicy(realm, model) : policy(realm, model);
            storage = storage(session, model);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ProviderSettings.refusal(e.getMessage());
        }
        boolean reset = model.get(RESET_UNREADABLE_STATE, false);
        model.put(RESET_UNREADABLE_STATE, "false");
        Optional<RotationStateStore.Stored> stored = store.lockAndRead(session, model.getId());
        List<RotationEvent> events = new ArrayList<>();
        Instant now = clock.instant();
        RotationState base;
        boolean readable = true;
        try {
            base = RotationStateCodec.read(stored.isPresent() ? stored.get().text() : model.get(STATE));
            StoredKeysCheck.requireUsable(base, storage);
        } catch (IllegalStateException e) { // the state, a key, or its decryption
            boolean repairable = !(e instanceof UnreadableStateException) || ((UnreadableStateException) e).repairable();
            if (!reset || !repairable || scheduled || stored.isEmpty()) {
                throw ProviderSettings.refusal(e.getMessage() + (repairable && stored.isPresent() && !scheduled ? REPAIR : ""));
            }
            readable = false;
            base = RotationState.EMPTY;
            events.add(new RotationEvent(RotationEvent.Type.RESET, "-", policy.algorithm(), now, "an admin discarded the unreadable state: " + e.getMessage()));
        }
        if (reset && readable) {
            throw ProviderSettings.refusal("'Reset unreadable state' is refused: the stored keys of this provider are readable, "
                    + "and a reset would drop keys that tokens and caches still rely on");
        }
        if (stored.isPresent() && readable) {
            compareRevision(realm, model, base, scheduled);
        }
        if (!scheduled) {
            warnIfNotTheRealmsSigningAlgorithm(realm, model, policy.algorithm());
        }
        if (!scheduled && model.get(ROTATE_NOW, false)) {
            base = base.withEarlyRotationRequested();
        }
        model.put(ROTATE_NOW, "false");

        RotationEngine.Advance advance = engine.advance(base, policy, now);
        RotationState next = maintained(advance.state(), realm, policy, storage);
        events.addAll(advance.events());
        boolean changed = stored.isEmpty() || !events.isEmpty() || !RotationStateCodec.write(next).equals(RotationStateCodec.write(base));
        if (scheduled && !changed) {
            throw new NothingToStore();
        }
        // every write is a new revision, also one that changes only other settings: Keycloak rewrites every config row
        RotationState written = next.nextRevisionAfter(base.revision());
        model.put(STATE, RotationStateCodec.write(written));
        model.put(KEY_SCHEDULE, RotationSchedule.describe(written, policy, storage));
        String realmName = realm.getName();
        String component = model.getId() == null ? "(new)" : model.getId();
        String provider = RotationMetrics.providerName(model);
        AfterCommit.run(session, () -> {
            events.forEach(event ->
                    LOG.infof("%s realm=%s component=%s revision=%d", event.auditLine(), realmName, component, written.revision()));
            metrics.transitionsStored(realmName, provider, events);
        });
    }

    private static final String REPAIR = ". To repair: save this provider with 'Reset unreadable state' on "
            + "(a new key signs at once), or delete it";

    /**
     * Keycloak signs a realm's tokens with the active key of the realm's default signature algorithm; an
     * ES256 or EdDSA provider in an RS256 realm publishes keys that never sign. Said at every save.
     */
    static boolean warnIfNotTheRealmsSigningAlgorithm(RealmModel realm, ComponentModel model, String algorithm) {
        Optional<String> warning = UnusedAlgorithmWarning.message(realm.getName(), realm.getDefaultSignatureAlgorithm(),
                model.getId() == null ? "(new)" : model.getId(), algorithm);
        warning.ifPresent(LOG::warn);
        return warning.isPresent();
    }

    /**
     * The compare of the compare-and-set: the copy being saved must be of the revision the database holds.
     * Otherwise another writer (a scheduled pass or a save, on any node) stored something after this copy was
     * read, and writing it would undo that; Keycloak would also write config rows it loaded before the lock.
     * A scheduled pass then stores nothing (the next pass reads afresh); an admin's save is refused with 400.
     */
    private static void compareRevision(RealmModel realm, ComponentModel model, RotationState stored, boolean scheduled) {
        long read;
        try {
            read = RotationStateCodec.read(model.get(STATE)).revision();
        } catch (UnreadableStateException e) {
            read = -1;
        }
        if (read == stored.revision()) {
            return;
        }
        LOG.infof("jwkgate-key-rotation realm=%s component=%s %s made on revision %d, the database holds %d: not stored",
                realm.getName(), model.getId(), scheduled ? "scheduled pass" : "admin save", read, stored.revision());
        if (scheduled) {
            throw new NothingToStore();
        }
        throw ProviderSettings.refusal("This provider's keys changed while the save was on its way (it was made on revision " + read
                + ", the database holds revision " + stored.revision() + ", e.g. a scheduled transition on another node): "
                + "nothing was saved; reload the provider and save again");
    }

    /** Missing certificates added; private keys in the form the key-encryption setting asks for. */
    private RotationState maintained(RotationState state, RealmModel realm, RotationPolicy policy, PrivateKeyStorage storage) {
        List<ManagedKey> keys = new ArrayList<>();
        for (ManagedKey key : state.keys()) {
            if (key.certificate() == null && KeycloakKeyForm.carriesCertificate(key.algorithm())) {
                java.security.KeyPair pair = GeneratedKeys.decode(key, storage.pkcs8(key));
                key = key.withCertificate(certificates.selfSigned(pair, realm.getName(), policy.certificateEnd(key)));
            }
            keys.add(storage.atRest(key));
        }
        return state.withKeys(keys);
    }

    /**
     * Whether a scheduled pass has anything to store for this component: a due transition, a missing
     * certificate, or a private key not yet in the form the key-encryption setting asks for. Generates
     * no key, and writes nothing (a write would invalidate the realm cache on every node).
     */
    static boolean needsStore(KeycloakSession session, RealmModel realm, ComponentModel model, RotationState state, Instant now) {
        RotationPolicy policy = scheduledPolicy(realm, model);
        if (DRY_RUN.advance(state, policy, now).changed()) {
            return true;
        }
        PrivateKeyStorage storage = storage(session, model);
        StoredKeysCheck.requireUsable(state, storage);
        return state.keys().stream().anyMatch(k -> (k.certificate() == null && KeycloakKeyForm.carriesCertificate(k.algorithm()))
                || storage.atRest(k) != k);
    }

    /**
     * How this component's private keys are stored.
     *
     * @throws IllegalArgumentException when the setting is not a vault reference or the entry is missing or malformed
     */
    static PrivateKeyStorage storage(KeycloakSession session, ComponentModel model) {
        String reference = model.get(KEY_ENCRYPTION_KEY);
        if (reference == null || reference.isBlank()) {
            return PrivateKeyStorage.unencrypted();
        }
        if (!VaultReference.isReference(reference)) {
            throw new IllegalArgumentException("'Key encryption key' must be a vault reference such as ${vault.jwkgate_kek}: "
                    + "a key stored in the database next to what it encrypts would protect nothing");
        }
        String entry = VaultReference.entryName(reference);
        return PrivateKeyStorage.encryptedWith(KeyEncryptionKeyring.parse(entry, VaultReference.resolve(session, KEK_PROPERTY.getLabel(), reference)));
    }

    /** Stores a transition the scheduled pass made over revision {@code readRevision} (Keycloak validates, persists, invalidates). */
    static void storeScheduled(RealmModel realm, ComponentModel model, long readRevision) {
        SCHEDULED_STORE.set(readRevision);
        try {
            realm.updateComponent(model);
        } finally {
            SCHEDULED_STORE.remove();
        }
    }

    /** Thrown inside a scheduled store when another writer came first, or nothing is due any more: nothing is written. */
    static final class NothingToStore extends RuntimeException {
        NothingToStore() {
            super("nothing to store: another writer stored first", null, false, false);
        }
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

    /** The schedule for the scheduled pass: the grace is stretched to the realm's token lifespans ({@link RetirementGrace}). */
    static RotationPolicy scheduledPolicy(RealmModel realm, ComponentModel model) {
        return policy(realm, model, false);
    }

    private static RotationPolicy policy(RealmModel realm, ComponentModel model, boolean strict) {
        Duration longestToken = RealmTokenLifespans.longest(realm);
        String graceText = model.get(RETIREMENT_GRACE);
        Duration grace = strict ? RetirementGrace.forSave(graceText, longestToken, realm.getName())
                : RetirementGrace.forScheduledPass(graceText, longestToken);
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
                    new ClusterAwareScheduledTaskRunner(factory, new RotationTask(clock, transactions, metrics), intervalMillis),
                    intervalMillis, RotationTask.NAME);
        }
        LOG.infof("jwkgate key rotation checks every %d s", checkIntervalSeconds);
        if (RotationMetrics.keycloakMetricsEnabled()) {
            try (KeycloakSession session = factory.create()) {
                // on every node (not cluster-aware): each node's /metrics shows the schedule the database holds
                session.getProvider(TimerProvider.class).scheduleTask(new RotationObservation(metrics), intervalMillis, RotationObservation.NAME);
            }
            LOG.info("jwkgate key rotation metrics are registered with Keycloak's metrics");
        } else {
            LOG.info("jwkgate key rotation metrics are off: Keycloak's metrics are not enabled (--metrics-enabled=true)");
        }
    }

    @Override
    public void close() {
    }

    private static ProviderConfigProperty scheduleProperty() {
        ProviderConfigProperty property = ProviderConfigurationBuilder.create().property()
                .name(KEY_SCHEDULE).label("Key schedule").type(ProviderConfigProperty.TEXT_TYPE).defaultValue("")
                .helpText("Written by the provider at every change; anything typed here is replaced on save. How the private keys are "
                        + "stored, each key's phase, and when its next transition is planned (UTC). A time in the past: the next scheduled pass makes it.")
                .add().build().get(0);
        property.setReadOnly(true);
        return property;
    }

    private static ProviderConfigProperty duration(String name, String label, String defaultValue, String help) {
        return ProviderConfigurationBuilder.create().property()
                .name(name).label(label).helpText(help).type(ProviderConfigProperty.STRING_TYPE).defaultValue(defaultValue)
                .add().build().get(0);
    }
}
