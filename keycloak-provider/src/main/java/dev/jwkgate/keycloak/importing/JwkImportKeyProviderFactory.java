package dev.jwkgate.keycloak.importing;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.keycloak.ProviderSettings;
import dev.jwkgate.keys.signing.ImportedSigningKey;
import dev.jwkgate.keys.signing.KeyImportException;
import dev.jwkgate.keys.signing.SigningKeyImporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ConfigurationValidationHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Key provider {@value #ID}: signs with a private key the admin pastes as a JWK (or keeps in Keycloak's
 * vault). The core's import checks run on save, so a weak, inconsistent or mislabelled key never gets in.
 */
public final class JwkImportKeyProviderFactory implements KeyProviderFactory<JwkImportKeyProvider> {

    public static final String ID = "jwkgate-jwk-import";
    public static final String PRIVATE_JWK = "privateJwk";
    /** Sign with the JWK's own {@code alg}, else the key's natural algorithm (RS256, ES256/384/512 by curve, EdDSA). */
    public static final String AUTO = "auto";

    private static final Logger LOG = Logger.getLogger(JwkImportKeyProviderFactory.class);

    private static final ProviderConfigProperty ALGORITHM_PROPERTY;
    private static final ProviderConfigProperty PRIVATE_JWK_PROPERTY = ProviderConfigurationBuilder.create().property()
            .name(PRIVATE_JWK).label("Private JWK").type(ProviderConfigProperty.TEXT_TYPE).secret(true).required(true)
            .helpText("The private signing key as a JWK: RSA (2048 bits or more), EC P-256/P-384/P-521 or OKP Ed25519. "
                    + "Or a vault reference such as ${vault.signing-jwk}, so the key is not stored in the database. "
                    + "Its kid is kept; without one, the RFC 7638 thumbprint is used.")
            .add().build().get(0);

    static {
        List<String> algorithms = new ArrayList<>();
        algorithms.add(AUTO);
        algorithms.addAll(ProviderSettings.SIGNING_ALGORITHMS);
        ALGORITHM_PROPERTY = ProviderSettings.algorithmProperty(algorithms, AUTO,
                "Algorithm to sign with; it must fit the key. 'auto': the JWK's alg, else RS256, ES256/384/512 by curve, EdDSA.");
    }

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderSettings.commonProperties()
            .property(ALGORITHM_PROPERTY)
            .property(PRIVATE_JWK_PROPERTY)
            .build();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "jwkgate: signs with an imported private JWK (RSA, EC, Ed25519) or one kept in the vault; the JWK's kid is kept";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public JwkImportKeyProvider create(KeycloakSession session, ComponentModel model) {
        return new JwkImportKeyProvider(session, model);
    }

    /**
     * Runs the whole import on save. Throwing here answers 400 and leaves the stored configuration, and
     * so the key that signs now, untouched.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        ProviderSettings.checkCommon(model);
        ConfigurationValidationHelper.check(model).checkList(ALGORITHM_PROPERTY, false);
        String value = model.get(PRIVATE_JWK);
        if (value == null || value.isBlank()) {
            throw ProviderSettings.refusal("'Private JWK' is required");
        }
        ImportedSigningKey key;
        try {
            key = importKey(session, model);
        } catch (IllegalArgumentException e) {
            throw ProviderSettings.refusal(e.getMessage());
        }
        if (ProviderSettings.providerStatus(model).isEnabled()) {
            refuseKidInUse(session, realm, model, key.keyId());
        }
        LOG.infof("jwkgate-jwk-import realm=%s kid=%s alg=%s kty=%s%s thumbprint=%s source=%s", realm.getName(), LogText.escape(key.keyId()),
                key.algorithm(), key.family().kty(), key.curve() == null ? "" : " crv=" + key.curve(), key.thumbprint(),
                PrivateJwkSource.isVaultReference(value) ? "vault" : "setting");
    }

    /**
     * A kid names one key: with two enabled keys under one kid, a verifier holding the realm's JWKS cannot
     * tell which key signed (RFC 7517 §4.5 asks for distinct kids within a set), and Keycloak itself would
     * verify with whichever provider it lists first. This component's own earlier version does not count.
     */
    private static void refuseKidInUse(KeycloakSession session, RealmModel realm, ComponentModel model, String kid) {
        Optional<KeyWrapper> other = session.keys().getKeysStream(realm)
                .filter(k -> kid.equals(k.getKid()) && k.getStatus().isEnabled())
                .filter(k -> model.getId() == null || !model.getId().equals(k.getProviderId()))
                .findFirst();
        if (other.isPresent()) {
            throw ProviderSettings.refusal("'Private JWK' refused: kid '" + kid + "' is already used by another enabled key of realm "
                    + realm.getName() + " (provider " + other.get().getProviderId() + "); each enabled key of a realm needs its own kid");
        }
    }

    /**
     * Reads and checks the configured key with the core importer.
     *
     * @throws IllegalArgumentException naming the problem, never the key
     */
    static ImportedSigningKey importKey(KeycloakSession session, ComponentModel model) {
        String json = PrivateJwkSource.resolve(session, model.get(PRIVATE_JWK));
        String algorithm = model.get(ProviderSettings.ALGORITHM, AUTO);
        try {
            return SigningKeyImporter.importPrivateJwk(json, AUTO.equals(algorithm) ? null : algorithm);
        } catch (KeyImportException e) {
            throw new IllegalArgumentException("'Private JWK' refused: " + e.getMessage());
        }
    }
}
