package dev.jwkgate.apisix.support;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Token claims for tests: a valid access token by default, each method changing one thing. */
public final class Claims {

    private final Map<String, Object> claims = new LinkedHashMap<>();

    private Claims(String issuer, String audience, String subject) {
        long now = Instant.now().getEpochSecond();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("iat", now);
        claims.put("exp", now + 300);
    }

    public static Claims accessToken(String issuer, String audience, String subject) {
        return new Claims(issuer, audience, subject);
    }

    public Claims set(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    /** Expired {@code seconds} ago, issued ten minutes before that. */
    public Claims expiredSecondsAgo(long seconds) {
        long exp = Instant.now().getEpochSecond() - seconds;
        claims.put("iat", exp - 600);
        claims.put("exp", exp);
        return this;
    }

    public Map<String, Object> map() {
        return Map.copyOf(claims);
    }
}
