package dev.jwkgate.token;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.CorrelatedRequest;
import dev.jwkgate.audit.TokenFingerprint;
import dev.jwkgate.result.Refusal;
import dev.jwkgate.result.ValidationResult;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports a refusal as one TOKEN_REFUSED audit event naming the token by its fingerprint, and answers it. */
final class RefusalAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalAudit.class);

    private final AuditListener audit;
    private final Clock clock;
    private final String issuer;
    private final int maxTokenBytes;

    RefusalAudit(AuditListener audit, Clock clock, String issuer, int maxTokenBytes) {
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
        this.maxTokenBytes = maxTokenBytes;
    }

    /**
     * @param cacheKey the token's cache key when it has one (its digest is the fingerprint), else null
     * @param request  the gateway request the token came with, or null; its id goes into the audit line
     */
    ValidationResult refuse(String token, VerifiedTokenCache.Key cacheKey, Refusal refusal,
                            CorrelatedRequest request) {
        try {
            audit.onEvent(AuditEvent.tokenRefused(clock.instant(), issuer, refusal.reason().code(), refusal.message(),
                    fingerprint(token, cacheKey), request));
        } catch (RuntimeException e) {
            // a broken listener must not change the verdict
            LOG.warn("audit listener failed on TOKEN_REFUSED: {}", e.getClass().getName());
        }
        return ValidationResult.refused(refusal.reason(), refusal.message());
    }

    /**
     * A token over max_token_bytes is named by its first max_token_bytes chars and its length: hashing all of it
     * would make a refusal cost grow with whatever size the client sends, past the cap meant to bound it.
     */
    private String fingerprint(String token, VerifiedTokenCache.Key cacheKey) {
        if (token == null) {
            return "none";
        }
        if (cacheKey != null) {
            return cacheKey.fingerprint();
        }
        if (token.length() > maxTokenBytes) {
            return TokenFingerprint.of(token.substring(0, maxTokenBytes)) + " (first " + maxTokenBytes + " of "
                    + token.length() + " chars)";
        }
        return TokenFingerprint.of(token);
    }
}
