package dev.jwkgate.token;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.CorrelatedRequest;
import dev.jwkgate.audit.LogText;
import dev.jwkgate.claims.ClaimSet;
import dev.jwkgate.claims.ClaimValidators;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.json.StrictJson;
import dev.jwkgate.jws.AcceptedHeaders;
import dev.jwkgate.jws.CompactJws;
import dev.jwkgate.jws.CompactJwsParser;
import dev.jwkgate.jws.HeaderPolicy;
import dev.jwkgate.jws.JwsHeader;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.metrics.TokenCacheMetrics;
import dev.jwkgate.metrics.ValidationMetrics;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import dev.jwkgate.result.TokenRefusedException;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.result.VerifiedToken;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.KeysUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core validator: compact JWS parsing, header policy, key selection, signature, claims, in that order, so
 * cheap checks run first, no key lookup happens before the header passed and the payload is not decoded before
 * the signature verified. Every refusal is answered with a reason code and reported as TOKEN_REFUSED. Every
 * verdict is counted ({@link ValidationMetrics}); a validation past the verified-token cache is also timed.
 * Immutable and thread-safe; build one per configuration and share it.
 */
public final class JwsTokenValidator implements TokenValidator {

    private static final Logger LOG = LoggerFactory.getLogger(JwsTokenValidator.class);

    private final KeySetSource source;
    private final Clock clock;
    private final RefusalAudit refusals;
    private final int maxTokenBytes;
    private final CompactJwsParser parser;
    private final StrictJson json;
    private final AcceptedHeaders acceptedHeaders;
    private final KeySelector keySelector;
    private final SignatureVerifier signatureVerifier = new SignatureVerifier();
    private final ClaimValidators claimValidators;
    private final VerifiedTokenCache cache;
    private final ValidationMetrics validations;
    private final TokenCacheMetrics cacheMetrics;
    /** Held here so the metrics, which hold it weakly, read the cache's size exactly as long as this validator lives. */
    private final IntSupplier cacheEntries;

    private JwsTokenValidator(JwkGateConfig config, KeySetSource source, Clock clock, AuditListener audit,
                              MetricsRecorder metrics) {
        String issuer = config.issuer();
        this.source = source;
        this.clock = clock;
        this.maxTokenBytes = config.integer(Setting.MAX_TOKEN_BYTES);
        this.refusals = new RefusalAudit(audit, clock, issuer, maxTokenBytes);
        this.json = new StrictJson(config.integer(Setting.MAX_JSON_DEPTH));
        this.parser = new CompactJwsParser(maxTokenBytes, config.integer(Setting.MAX_HEADER_BYTES), json);
        this.acceptedHeaders = new AcceptedHeaders(new HeaderPolicy(config.stringList(Setting.ALGORITHMS),
                config.stringList(Setting.SUPPORTED_CRITICAL_HEADERS), config.string(Setting.REQUIRED_TYPE),
                config.integer(Setting.MAX_KID_LENGTH), config.bool(Setting.ALLOW_MISSING_KID)));
        this.keySelector = new KeySelector(source, config.stringList(Setting.REVOKED_KIDS));
        this.claimValidators = ClaimValidators.from(config);
        this.validations = metrics.validations(issuer);
        if (config.bool(Setting.TOKEN_CACHE_ENABLED)) {
            this.cache = new VerifiedTokenCache(config.integer(Setting.TOKEN_CACHE_MAX_ENTRIES),
                    config.integer(Setting.TOKEN_CACHE_TTL_SECONDS) * 1000L);
            this.cacheEntries = cache::size;
            this.cacheMetrics = metrics.tokenCache(issuer, cacheEntries);
        } else {
            this.cache = null;
            this.cacheMetrics = null;
            this.cacheEntries = null;
        }
    }

    /**
     * A validator for {@code config} that checks signatures with {@code source}'s keys.
     *
     * @throws ConfigException when the source belongs to another issuer than the configuration
     */
    public static TokenValidator create(JwkGateConfig config, KeySetSource source, Clock clock, AuditListener audit) {
        return create(config, source, clock, audit, MetricsRecorder.NONE);
    }

    /**
     * A validator for {@code config} that checks signatures with {@code source}'s keys and counts its verdicts with
     * {@code metrics}.
     *
     * @throws ConfigException when the source belongs to another issuer than the configuration
     */
    public static TokenValidator create(JwkGateConfig config, KeySetSource source, Clock clock, AuditListener audit,
                                        MetricsRecorder metrics) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(metrics, "metrics");
        if (!Objects.equals(config.issuer(), source.issuer())) {
            // a key set vouches for one issuer only; checking another issuer's tokens with it is attack 16
            throw new ConfigException("issuer: the key source " + source.location() + " belongs to issuer '"
                    + source.issuer() + "', not '" + config.issuer() + "'");
        }
        return new JwsTokenValidator(config, source, clock, audit, metrics);
    }

    @Override
    public ValidationResult validate(String token) {
        return validate(token, null);
    }

    @Override
    public ValidationResult validate(String token, CorrelatedRequest request) {
        // hashed once: the same digest is the cache key and, for a refusal, the token's fingerprint
        VerifiedTokenCache.Key cacheKey = cache != null && token != null && !token.isEmpty()
                && token.length() <= maxTokenBytes ? VerifiedTokenCache.keyOf(token) : null;
        long nowMillis = clock.millis();
        long start = 0;
        boolean timed = false;
        try {
            if (cacheKey != null) {
                VerifiedToken cached = fromCache(cacheKey, nowMillis);
                if (cached != null) {
                    validations.acceptedFromCache();
                    return ValidationResult.accepted(cached);
                }
            }
            start = validations.start();
            timed = true;
            VerifiedToken verified = check(token, cacheKey, nowMillis);
            validations.accepted(start);
            return ValidationResult.accepted(verified);
        } catch (TokenRefusedException e) {
            return refuse(token, cacheKey, e.refusal(), request, timed, start);
        } catch (RuntimeException e) {
            // never a pass; the exception's message may quote input, so only its type is kept
            LOG.error("internal error while validating a token: {}", e.getClass().getName());
            return refuse(token, cacheKey, new Refusal(ReasonCode.INTERNAL_ERROR,
                    "jwkgate failed while validating: " + e.getClass().getName()), request, timed, start);
        }
    }

    @Override
    public KeySetSource keySource() {
        return source;
    }

    /**
     * The cached verdict of the token: the token when its entry is still good (a hit), null when there is none or
     * it was dropped (a miss).
     *
     * @throws TokenRefusedException when the cached token is refused now (revoked kid, time claims); also a hit
     */
    private VerifiedToken fromCache(VerifiedTokenCache.Key cacheKey, long nowMillis) throws TokenRefusedException {
        VerifiedTokenCache.Entry entry = cache.get(cacheKey, nowMillis);
        VerifiedToken cached;
        try {
            cached = entry == null ? null : revalidate(cacheKey, entry, nowMillis);
        } catch (TokenRefusedException e) {
            cacheMetrics.hit(); // answered from the entry: no signature was checked
            throw e;
        }
        if (cached == null) {
            cacheMetrics.miss();
        } else {
            cacheMetrics.hit();
        }
        return cached;
    }

    /** The full check; @param cacheKey the token's cache key, or null when the cache is off or the token cannot be cached */
    private VerifiedToken check(String token, VerifiedTokenCache.Key cacheKey, long nowMillis)
            throws TokenRefusedException {
        CompactJws jws = parser.parse(token, acceptedHeaders);
        JwsHeader header = acceptedHeaders.check(jws);
        List<TrustedKey> candidates = keySelector.candidates(header);
        TrustedKey key = signatureVerifier.verify(jws, header.algorithm(), candidates);
        ClaimSet claims = ClaimSet.of(json.parseObject(jws.payload(), "payload"));
        claimValidators.validate(claims, nowMillis);
        VerifiedToken verified = new VerifiedToken(claims.values(), key.keyId(), header.algorithm().jwsName(),
                key.thumbprint(), claims.expiresAt() == null ? null : Instant.ofEpochMilli(claims.expiresAt()));
        if (cacheKey != null) {
            int evicted = cache.put(cacheKey, verified, claims, nowMillis);
            if (evicted > 0) {
                cacheMetrics.evicted(evicted);
            }
        }
        return verified;
    }

    /**
     * A cache hit is still refused when its kid was revoked or its time claims no longer pass; it is forgotten
     * (and the token checked in full) when its key has left the set or may no longer verify its algorithm.
     *
     * @return the cached token, or null to validate in full
     */
    private VerifiedToken revalidate(VerifiedTokenCache.Key cacheKey, VerifiedTokenCache.Entry entry, long nowMillis)
            throws TokenRefusedException {
        VerifiedToken cached = entry.token();
        if (keySelector.isRevoked(cached.keyId())) {
            cache.remove(cacheKey);
            throw TokenRefusedException.of(ReasonCode.REVOKED_KEY,
                    "kid " + LogText.quote(cached.keyId()) + " is on revoked_kids");
        }
        KeySet keys;
        try {
            keys = source.current();
        } catch (KeysUnavailableException e) {
            cache.remove(cacheKey);
            return null;
        }
        if (!stillTrusted(keys, cached)) {
            cache.remove(cacheKey);
            return null;
        }
        try {
            claimValidators.revalidateTime(entry.claims(), nowMillis);
        } catch (TokenRefusedException e) {
            cache.remove(cacheKey);
            throw e;
        }
        return cached;
    }

    /**
     * Whether the set still holds the verifying key (same thumbprint, same kid) and still lets it verify the
     * token's algorithm: a key that left the set, or was narrowed to another alg or to encryption, drops the entry.
     */
    private static boolean stillTrusted(KeySet keys, VerifiedToken cached) {
        if (!keys.containsThumbprint(cached.thumbprint())) {
            return false;
        }
        List<TrustedKey> candidates = cached.keyId() != null ? keys.withKeyId(cached.keyId()) : keys.keys();
        for (TrustedKey key : candidates) {
            if (key.thumbprint().equals(cached.thumbprint()) && key.canVerify(cached.algorithm())) {
                return true;
            }
        }
        return false;
    }

    private ValidationResult refuse(String token, VerifiedTokenCache.Key cacheKey, Refusal refusal,
                                    CorrelatedRequest request, boolean timed, long start) {
        if (timed) {
            validations.refused(refusal.reason(), start);
        } else {
            validations.refused(refusal.reason());
        }
        return refusals.refuse(token, cacheKey, refusal, request);
    }
}
