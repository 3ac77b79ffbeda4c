package dev.jwkgate.keycloak.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Writes a {@link RotationState} as one JSON value. It lives in the component's configuration, so it
 * survives restarts and every node of a cluster reads the same state from the database.
 */
public final class RotationStateCodec {

    private static final int VERSION = 1;

    private RotationStateCodec() {
    }

    public static String write(RotationState state) {
        List<Object> keys = new ArrayList<>();
        for (ManagedKey key : state.keys()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("kid", key.kid());
            k.put("alg", key.algorithm());
            k.put("phase", key.phase().name());
            k.put("since", key.since().toString());
            k.put("published", key.publishedAt().toString());
            k.put("private", key.privateKey());
            k.put("public", key.publicKey());
            keys.add(k);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("v", VERSION);
        root.put("early", state.earlyRotationRequested());
        root.put("keys", keys);
        return JsonUtil.toJson(root);
    }

    /** An absent value is a provider that has no key yet. */
    public static RotationState read(String json) {
        if (json == null || json.isBlank()) {
            return RotationState.EMPTY;
        }
        try {
            Map<String, Object> root = JsonUtil.parseJson(json);
            List<ManagedKey> keys = new ArrayList<>();
            for (Object item : (List<?>) root.get("keys")) {
                Map<?, ?> k = (Map<?, ?>) item;
                keys.add(new ManagedKey((String) k.get("kid"), (String) k.get("alg"),
                        KeyPhase.valueOf((String) k.get("phase")), Instant.parse((String) k.get("since")),
                        Instant.parse((String) k.get("published")), (String) k.get("private"), (String) k.get("public")));
            }
            return new RotationState(keys, Boolean.TRUE.equals(root.get("early")));
        } catch (JoseException | RuntimeException e) {
            // never echo the stored text: it holds private keys
            throw new IllegalStateException("stored rotation state is unreadable: " + e.getClass().getSimpleName());
        }
    }
}
