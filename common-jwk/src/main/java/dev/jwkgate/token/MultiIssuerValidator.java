package dev.jwkgate.token;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.CorrelatedRequest;
import dev.jwkgate.audit.LogText;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.json.JsonMembers;
import dev.jwkgate.json.StrictJson;
import dev.jwkgate.jws.CompactJwsParser;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.metrics.ValidationMetrics;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import dev.jwkgate.result.TokenRefusedException;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.KeySetSource;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the tokens of several trusted issuers ({@code issuer} and {@code additional_issuers}), each with its own
 * {@link JwsTokenValidator} and key set: a realm per tenant on one route.
 *
 * <p>The payload's {@code iss}, read before any signature is checked, only <em>chooses</em> which issuer's validator
 * decides; that validator then does everything a single-issuer route does, with that issuer's keys alone, and compares
 * {@code iss} again once the signature verified. So a key from issuer A never verifies a token claiming issuer B: B's
 * validator does not know A's keys. A token whose {@code iss} is absent, not a string, or names no
 * trusted issuer is refused here, before any key is looked up or fetched. Such a refusal is counted under
 * {@code issuer} (a configured value: a token's {@code iss} never becomes a label) and reported like any other.
 */
public final class MultiIssuerValidator implements TokenValidator {

    private static final Logger LOG = LoggerFactory.getLogger(MultiIssuerValidator.class);

    private final Map<String, TokenValidator> byIssuer;
    private final TokenValidator first;
    private final CompactJwsParser parser;
    private final StrictJson json;
    private final RefusalAudit refusals;
    private final ValidationMetrics validations;

    private MultiIssuerValidator(JwkGateConfig config, Map<String, TokenValidator> byIssuer, Clock clock,
                                 AuditListener audit, MetricsRecorder metrics) {
        Map<String, TokenValidator> ordered = new LinkedHashMap<>(); // messages list the issuers as configured
        config.perIssuer().forEach(one -> ordered.put(one.issuer(), byIssuer.get(one.issuer())));
        this.byIssuer = Collections.unmodifiableMap(ordered);
        this.first = byIssuer.get(config.issuer());
        this.json = new StrictJson(config.integer(Setting.MAX_JSON_DEPTH));
        int maxTokenBytes = config.integer(Setting.MAX_TOKEN_BYTES);
        this.parser = new CompactJwsParser(maxTokenBytes, config.integer(Setting.MAX_HEADER_BYTES), json);
        this.refusals = new RefusalAudit(audit, clock, config.issuer(), maxTokenBytes);
        this.validations = metrics.validations(config.issuer());
    }

    /**
     * A validator choosing among {@code byIssuer} (issuer to its validator), which must hold exactly the issuers of
     * {@link JwkGateConfig#perIssuer()}.
     */
    public static TokenValidator create(JwkGateConfig config, Map<String, TokenValidator> byIssuer, Clock clock,
                                        AuditListener audit) {
        return create(config, byIssuer, clock, audit, MetricsRecorder.NONE);
    }

    /**
     * {@link #create(JwkGateConfig, Map, Clock, AuditListener)} counting the refusals made before an issuer is chosen
     * with {@code metrics}; the chosen validators count their own verdicts.
     */
    public static TokenValidator create(JwkGateConfig config, Map<String, TokenValidator> byIssuer, Clock clock,
                                        AuditListener audit, MetricsRecorder metrics) {
        Map<String, TokenValidator> copy = new LinkedHashMap<>(byIssuer);
        for (JwkGateConfig one : config.perIssuer()) {
            Objects.requireNonNull(copy.remove(one.issuer()), () -> "no validator for issuer " + one.issuer());
        }
        if (!copy.isEmpty()) {
            throw new IllegalArgumentException("validators for issuers the configuration does not trust: "
                    + copy.keySet());
        }
        return new MultiIssuerValidator(config, byIssuer, Objects.requireNonNull(clock), Objects.requireNonNull(audit),
                Objects.requireNonNull(metrics, "metrics"));
    }

    @Override
    public ValidationResult validate(String token) {
        return validate(token, null);
    }

    @Override
    public ValidationResult validate(String token, CorrelatedRequest request) {
        try {
            JsonMembers payload;
            try {
                payload = json.parseObject(parser.parse(token).payload(), "payload");
            } catch (TokenRefusedException e) {
                return refuse(token, e.refusal(), request);
            }
            int at = indexOfIssuer(payload);
            if (at < 0) {
                return refuse(token, new Refusal(ReasonCode.MISSING_CLAIM,
                        "the token has no iss, expected one of " + byIssuer.keySet()), request);
            }
            Object iss = payload.value(at);
            if (!(iss instanceof String)) { // JSON null included, as ClaimSet refuses a null registered claim
                return refuse(token, new Refusal(ReasonCode.INVALID_CLAIM,
                        "iss is " + LogText.quote(iss) + ", not a string"), request);
            }
            TokenValidator chosen = byIssuer.get(iss);
            if (chosen == null) {
                return refuse(token, new Refusal(ReasonCode.UNKNOWN_ISSUER,
                        "iss is " + LogText.quote(iss) + ", which is none of the trusted issuers " + byIssuer.keySet()),
                        request);
            }
            return chosen.validate(token, request);
        } catch (RuntimeException e) {
            // never a pass; the exception's message may quote input, so only its type is kept
            LOG.error("internal error while choosing a token's issuer: {}", e.getClass().getName());
            return refuse(token, new Refusal(ReasonCode.INTERNAL_ERROR,
                    "jwkgate failed while validating: " + e.getClass().getName()), request);
        }
    }

    private ValidationResult refuse(String token, Refusal refusal, CorrelatedRequest request) {
        validations.refused(refusal.reason());
        return refusals.refuse(token, null, refusal, request);
    }

    /** Where the payload holds {@code iss}, or -1 (the strict parser has already refused duplicate names). */
    private static int indexOfIssuer(JsonMembers payload) {
        for (int i = 0; i < payload.size(); i++) {
            if (payload.name(i).equals("iss")) {
                return i;
            }
        }
        return -1;
    }

    /** The first issuer's key source ({@code issuer}'s own). */
    @Override
    public KeySetSource keySource() {
        return first.keySource();
    }
}
