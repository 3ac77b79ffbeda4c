package dev.jwkgate.keycloak;

import dev.jwkgate.jws.JwsAlgorithm;
import java.util.List;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.keys.Attributes;
import org.keycloak.provider.ConfigurationValidationHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Setting names and checks both jwkgate key providers share; the common ones are Keycloak's own. */
public final class ProviderSettings {

    /** Asymmetric signing algorithms a realm key of ours may carry (no HMAC: realm HMAC keys are Keycloak's). */
    public static final List<String> SIGNING_ALGORITHMS = JwsAlgorithm.names(algorithm -> !algorithm.isHmac());

    public static final String PRIORITY = Attributes.PRIORITY_KEY;
    public static final String ENABLED = Attributes.ENABLED_KEY;
    public static final String ACTIVE = Attributes.ACTIVE_KEY;
    public static final String ALGORITHM = Attributes.ALGORITHM_KEY;

    private ProviderSettings() {
    }

    /** priority, enabled, active: exactly as Keycloak's built-in key providers declare them. */
    public static ProviderConfigurationBuilder commonProperties() {
        return ProviderConfigurationBuilder.create()
                .property(Attributes.PRIORITY_PROPERTY)
                .property(Attributes.ENABLED_PROPERTY)
                .property(Attributes.ACTIVE_PROPERTY);
    }

    public static ProviderConfigProperty algorithmProperty(List<String> algorithms, String defaultValue, String help) {
        return ProviderConfigurationBuilder.create().property()
                .name(ALGORITHM).label("Algorithm").helpText(help)
                .type(ProviderConfigProperty.LIST_TYPE).options(algorithms).defaultValue(defaultValue)
                .add().build().get(0);
    }

    /** The checks Keycloak's own providers make, so an admin gets the same 400 messages. */
    public static void checkCommon(ComponentModel model) throws ComponentValidationException {
        ConfigurationValidationHelper.check(model)
                .checkLong(Attributes.PRIORITY_PROPERTY, false)
                .checkBoolean(Attributes.ENABLED_PROPERTY, false)
                .checkBoolean(Attributes.ACTIVE_PROPERTY, false);
    }

    /**
     * A 400 answer whose text reaches the admin unchanged. Keycloak formats the message with
     * {@link java.text.MessageFormat}, which would eat single quotes and choke on braces ({@code ${vault.x}}).
     */
    public static ComponentValidationException refusal(String text) {
        return new ComponentValidationException(text.replace("'", "''").replace("{", "'{'").replace("}", "'}'"));
    }

    /** The status every key of a provider gets from its enabled/active switches, before its own phase. */
    public static KeyStatus providerStatus(ComponentModel model) {
        return KeyStatus.from(model.get(ACTIVE, true), model.get(ENABLED, true));
    }

    public static long priority(ComponentModel model) {
        return model.get(PRIORITY, 0L);
    }
}
