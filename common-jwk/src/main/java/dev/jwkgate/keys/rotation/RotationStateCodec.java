package dev.jwkgate.keys.rotation;

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
 *
 * <p>Format {@code "v"}: 1 had no revision and no certificates; 2 adds {@code "rev"} and {@code "cert"}.
 * A state in a format newer than {@link #FORMAT} is refused, never rewritten: an older node in a rolling
 * upgrade must not replace what a newer one stored.
 */
public final class RotationStateCodec {

    /** The format this version writes and the newest it reads. */
    static final int FORMAT = 2;

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
            if (key.certificate() != null) {
                k.put("cert", key.certificate());
            }
            keys.add(k);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("v", FORMAT);
        root.put("rev", state.revision());
        root.put("early", state.earlyRotationRequested());
        root.put("keys", keys);
        return JsonUtil.toJson(root);
    }

    /**
     * An absent value is a provider that has no key yet.
     *
     * @throws UnreadableStateException naming what is wrong, never quoting the stored text
     */
    public static RotationState read(String json) {
        if (json == null || json.isBlank()) {
            return RotationState.EMPTY;
        }
        Map<String, Object> root;
        try {
            root = JsonUtil.parseJson(json);
        } catch (JoseException | RuntimeException e) {
            throw unreadable("it is not JSON");
        }
        int format = format(root.get("v"));
        if (format > FORMAT) {
            throw new UnreadableStateException("stored rotation state is in format " + format + " of a newer jwkgate provider; this one reads formats 1 to "
                    + FORMAT + ": install the same provider version on every node", false);
        }
        try {
            long revision = format == 1 ? 0 : ((Number) required(root, "rev")).longValue();
            List<ManagedKey> keys = new ArrayList<>();
            for (Object item : (List<?>) required(root, "keys")) {
                Map<?, ?> k = (Map<?, ?>) item;
                keys.add(new ManagedKey((String) k.get("kid"), (String) k.get("alg"),
                        KeyPhase.valueOf((String) k.get("phase")), Instant.parse((String) k.get("since")),
                        Instant.parse((String) k.get("published")), (String) k.get("private"), (String) k.get("public"),
                        (String) k.get("cert")));
            }
            return new RotationState(keys, Boolean.TRUE.equals(root.get("early")), revision);
        } catch (UnreadableStateException e) {
            throw e;
        } catch (RuntimeException e) {
            // never echo the stored text: it holds private keys
            throw unreadable("a member is missing or has the wrong type (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int format(Object v) {
        if (!(v instanceof Number) || ((Number) v).doubleValue() != ((Number) v).intValue() || ((Number) v).intValue() < 1) {
            throw unreadable("its format version \"v\" is missing or not a positive integer");
        }
        return ((Number) v).intValue();
    }

    private static Object required(Map<String, Object> root, String member) {
        Object value = root.get(member);
        if (value == null) {
            throw unreadable("member \"" + member + "\" is missing");
        }
        return value;
    }

    private static UnreadableStateException unreadable(String why) {
        return new UnreadableStateException("stored rotation state is unreadable: " + why, true);
    }
}
