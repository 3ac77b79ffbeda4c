package dev.jwkgate.it.gateways;

import dev.jwkgate.JwkGate;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.GatewayPolicy;
import dev.jwkgate.gateway.GatewayRequest;
import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.token.AttackCorpus;
import dev.jwkgate.token.AttackCorpus.AttackCase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * An attack case as a platform team would have to deploy its world on a gateway: the world's settings as the route's
 * jwkgate configuration, its keys as a static {@code jwks} (or its secrets as {@code hmac_secrets}).
 *
 * <p>The corpus builds some worlds from keys no configuration can carry (a 1024-bit RSA key, a key labelled for an
 * algorithm of another curve, a 16-byte HMAC secret, …): it tests the token checks behind key ingestion. Deployed,
 * such a world meets key ingestion first, and the token is refused for another reason (the key is not in the set,
 * or the route's configuration is refused). {@link #expected()} is the core's answer for the deployed route, computed
 * in process at the instant the case was forged; {@link #asInTheCorpus()} says whether it is the corpus's own.
 */
public record DeployedAttack(AttackCase attack, Map<String, Object> settings, Answer expected) {

    /** The answer a client must get: status and, when refused, jwkgate's challenge and body; "passes" for 200. */
    public record Answer(int status, String reason, String wwwAuthenticate, String body) {

        static Answer passes() {
            return new Answer(200, "-", null, null);
        }

        static Answer refused(ReasonCode reason, String realm) {
            HttpRejection rejection = HttpRejection.of(reason, realm);
            return new Answer(rejection.status(), reason.code(), rejection.wwwAuthenticate(), rejection.body());
        }

        public String verdict() {
            return status + " " + reason + (wwwAuthenticate == null ? "" : " [" + wwwAuthenticate + "]");
        }
    }

    /** The world of the case deployed as a route configuration, and the core's answer there. */
    public static DeployedAttack of(AttackCase attack, KeySourceRegistry sources) {
        Map<String, Object> settings = settings(attack);
        return new DeployedAttack(attack, settings, reference(attack, settings, sources, attack.clock()));
    }

    /** One case of the corpus forged now, by its name (e.g. {@code "A00 genuine token: RS256"}), deployed. */
    public static DeployedAttack named(String name, KeySourceRegistry sources) {
        AttackCase attack = AttackCorpus.casesAt(java.time.Instant.now()).stream().filter(c -> c.toString().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no case " + name + " in the corpus"));
        return of(attack, sources);
    }

    /**
     * Whether the answer changes one second after the instant the case was forged for (a time claim one second
     * ahead, or equal to "now"): such a case is only meaningful when sent within the second it was forged in.
     */
    public boolean changesWithinASecond(KeySourceRegistry sources) {
        Clock oneSecondLater = Clock.offset(attack.clock(), Duration.ofSeconds(1));
        return !reference(attack, settings, sources, oneSecondLater).equals(expected);
    }

    /** Whether deploying the world kept the corpus's expected answer. */
    public boolean asInTheCorpus() {
        Answer corpus = attack.genuine() ? Answer.passes()
                : Answer.refused(attack.expected(), attack.config().string(Setting.REALM));
        return corpus.equals(expected);
    }

    /** The route policy: the core settings of the world, keys included. */
    public Policy policy() {
        return Policy.of(settings);
    }

    /** The world's non-default settings, with its keys as static configuration instead of its (in-memory) source. */
    static Map<String, Object> settings(AttackCase attack) {
        JwkGateConfig config = attack.config();
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            Object value = config.value(setting);
            if (value != null && !Objects.equals(value, setting.defaultValue())) {
                settings.put(setting.settingName(), value);
            }
        }
        settings.remove(Setting.JWKS_URI.settingName());
        settings.remove(Setting.DISCOVERY.settingName());
        settings.remove(Setting.HMAC_SECRETS.settingName());
        if (config.keySourceKind() == JwkGateConfig.KeySourceKind.HMAC) {
            Map<String, String> secrets = new LinkedHashMap<>();
            for (TrustedKey key : attack.keys()) {
                if (key.family() == KeyFamily.OCT) {
                    secrets.put(key.keyId(), Base64.getUrlEncoder().withoutPadding().encodeToString(key.key().getEncoded()));
                }
            }
            // a world whose set holds no secret at all (an RSA key in an HMAC issuer's set) keeps the world's own
            // configured secret: a route needs one, and Kong's schema refuses an empty map at load
            settings.put(Setting.HMAC_SECRETS.settingName(), secrets.isEmpty() ? config.stringMap(Setting.HMAC_SECRETS) : secrets);
        } else {
            List<Object> jwks = new ArrayList<>();
            for (TrustedKey key : attack.keys()) {
                jwks.add(jwk(key));
            }
            settings.put(Setting.JWKS.settingName(), JsonUtil.toJson(Map.of("keys", jwks)));
        }
        return settings;
    }

    /** A key as its issuer would publish it: public members, kid, and what it may be used for. */
    private static Map<String, Object> jwk(TrustedKey key) {
        Map<String, Object> jwk;
        if (key.family() == KeyFamily.OCT) {
            jwk = new LinkedHashMap<>(Map.of("kty", "oct",
                    "k", Base64.getUrlEncoder().withoutPadding().encodeToString(key.key().getEncoded())));
        } else {
            try {
                jwk = new LinkedHashMap<>(PublicJsonWebKey.Factory.newPublicJwk(key.key())
                        .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            } catch (JoseException e) {
                throw new IllegalStateException("no JWK form for " + key, e);
            }
        }
        jwk.put("kid", key.keyId());
        Set<String> algorithms = key.algorithms();
        if (algorithms.isEmpty()) {
            jwk.put("use", "enc");
        } else if (algorithms.size() == 1) {
            jwk.put("alg", algorithms.iterator().next());
        }
        return jwk;
    }

    /** What the core answers on the deployed route, with the clock where the case was forged. */
    private static Answer reference(AttackCase attack, Map<String, Object> settings, KeySourceRegistry sources, Clock clock) {
        String realm = (String) settings.get(Setting.REALM.settingName());
        GatewayPolicy policy;
        try {
            JwkGateConfig config = JwkGateConfig.fromMap(settings, ConfigProfile.GATEWAY);
            policy = GatewayPolicy.create(config, JwkGate.builder(config).clock(clock).sources(sources).build());
        } catch (ConfigException refused) {
            // the adapters answer a route whose configuration the core refuses with 500, never a pass
            return Answer.refused(ReasonCode.INTERNAL_ERROR, realm);
        }
        GatewayDecision decision = policy.decide(new BearerRequest(attack.token()));
        return decision.allowed() ? Answer.passes() : Answer.refused(decision.result() == null ? ReasonCode.MISSING_TOKEN
                : decision.result().reason(), realm);
    }

    /** A GET with the token as its bearer credential. */
    private record BearerRequest(String token) implements GatewayRequest {
        @Override
        public List<String> headerValues(String name) {
            return name.equalsIgnoreCase("authorization") ? List.of("Bearer " + token) : List.of();
        }

        @Override
        public Collection<String> headerNames() {
            return List.of("authorization");
        }

        @Override
        public int headerLineCount() {
            return 1;
        }

        @Override
        public List<String> queryParamValues(String name) {
            return List.of();
        }

        @Override
        public int queryArgumentCount() {
            return 0;
        }

        @Override
        public String method() {
            return "GET";
        }
    }

    @Override
    public String toString() {
        return attack.toString();
    }
}
