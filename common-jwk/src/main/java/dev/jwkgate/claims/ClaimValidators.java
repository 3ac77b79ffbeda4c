package dev.jwkgate.claims;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.result.Refusal;
import dev.jwkgate.result.TokenRefusedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 5: the claim checks a configuration asks for, in a fixed order (issuer, audience, time, presence,
 * authorisation), and the subset that depends on the clock, which a cache hit must run again.
 */
public final class ClaimValidators {

    private final List<ClaimValidator> all;
    private final List<ClaimValidator> timeDependent;

    private ClaimValidators(List<ClaimValidator> all, List<ClaimValidator> timeDependent) {
        this.all = List.copyOf(all);
        this.timeDependent = List.copyOf(timeDependent);
    }

    public static ClaimValidators from(JwkGateConfig config) {
        long skew = config.integer(Setting.CLOCK_SKEW_SECONDS) * 1000L;
        List<ClaimValidator> all = new ArrayList<>();
        List<ClaimValidator> timeDependent = new ArrayList<>();
        all.add(new IssuerValidator(config.issuer()));
        if (!config.stringList(Setting.AUDIENCES).isEmpty()) {
            all.add(new AudienceValidator(config.stringList(Setting.AUDIENCES)));
        }
        ClaimValidator expiration = new ExpirationValidator(config.bool(Setting.REQUIRE_EXPIRATION), skew);
        ClaimValidator notBefore = new NotBeforeValidator(skew);
        all.add(expiration);
        all.add(notBefore);
        all.add(new IssuedAtValidator(skew));
        timeDependent.add(expiration);
        timeDependent.add(notBefore);
        if (config.integer(Setting.MAX_TOKEN_AGE_SECONDS) > 0) {
            ClaimValidator age = new TokenAgeValidator(config.integer(Setting.MAX_TOKEN_AGE_SECONDS) * 1000L, skew);
            all.add(age);
            timeDependent.add(age);
        }
        if (config.integer(Setting.MAX_TOKEN_LIFETIME_SECONDS) > 0) {
            all.add(new LifetimeValidator(config.integer(Setting.MAX_TOKEN_LIFETIME_SECONDS) * 1000L));
        }
        if (!config.stringList(Setting.REQUIRED_CLAIMS).isEmpty()) {
            all.add(new RequiredClaimsValidator(config.stringList(Setting.REQUIRED_CLAIMS).stream()
                    .map(ClaimPath::parse).toList()));
        }
        if (!config.stringList(Setting.REQUIRED_SCOPES).isEmpty()) {
            all.add(new ScopeValidator(config.stringList(Setting.REQUIRED_SCOPES)));
        }
        if (!config.stringListMap(Setting.CLAIMS_ANY_OF).isEmpty()) {
            Map<ClaimPath, List<String>> anyOf = new LinkedHashMap<>();
            config.stringListMap(Setting.CLAIMS_ANY_OF).forEach((path, values) -> anyOf.put(ClaimPath.parse(path), values));
            all.add(new ClaimsAnyOfValidator(anyOf));
        }
        return new ClaimValidators(all, timeDependent);
    }

    /** Runs every check; the first refusal wins. */
    public void validate(ClaimSet claims, long nowMillis) throws TokenRefusedException {
        run(all, claims, nowMillis);
    }

    /** Runs the checks whose verdict can change as time passes (exp, nbf, max age). */
    public void revalidateTime(ClaimSet claims, long nowMillis) throws TokenRefusedException {
        run(timeDependent, claims, nowMillis);
    }

    private static void run(List<ClaimValidator> validators, ClaimSet claims, long nowMillis)
            throws TokenRefusedException {
        for (ClaimValidator validator : validators) {
            Optional<Refusal> refusal = validator.validate(claims, nowMillis);
            if (refusal.isPresent()) {
                throw refusal.get().asException();
            }
        }
    }
}
