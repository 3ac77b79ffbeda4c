package dev.jwkgate.keys;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, strict read access to the members of one parsed JWK. Every complaint names the member and
 * never quotes its value, which may be key material.
 */
public final class JwkMembers {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Object> members;

    public JwkMembers(Map<String, Object> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    Set<String> names() {
        return members.keySet();
    }

    Map<String, Object> asMap() {
        return members;
    }

    /** The member's string value, or null when absent. */
    public String optionalString(String name) throws JwkProblem {
        Object value = members.get(name);
        if (value == null && !members.containsKey(name)) {
            return null;
        }
        if (!(value instanceof String)) {
            throw new JwkProblem("member '" + name + "' is not a string");
        }
        return (String) value;
    }

    String requiredString(String name) throws JwkProblem {
        String value = optionalString(name);
        if (value == null) {
            throw new JwkProblem("member '" + name + "' is missing");
        }
        return value;
    }

    /** The member as a list of strings, or null when absent. */
    List<String> optionalStringList(String name) throws JwkProblem {
        if (!members.containsKey(name)) {
            return null;
        }
        Object value = members.get(name);
        if (!(value instanceof List)) {
            throw new JwkProblem("member '" + name + "' is not an array");
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (!(item instanceof String)) {
                throw new JwkProblem("member '" + name + "' holds a value that is not a string");
            }
            out.add((String) item);
        }
        return out;
    }

    /**
     * Decodes a base64url member strictly (RFC 7515 §2): no padding, no whitespace, no characters outside
     * the URL-safe alphabet, and no stray bits in the last character, so one key has one spelling.
     */
    byte[] requiredBase64Url(String name) throws JwkProblem {
        String text = requiredString(name);
        if (text.isEmpty()) {
            throw new JwkProblem("member '" + name + "' is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!alphabet) {
                throw new JwkProblem("member '" + name + "' is not base64url (character outside the alphabet at "
                        + i + ")");
            }
        }
        if (text.length() % 4 == 1) {
            throw new JwkProblem("member '" + name + "' is not base64url (impossible length)");
        }
        byte[] bytes = DECODER.decode(text);
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw new JwkProblem("member '" + name + "' is not canonical base64url (non-zero trailing bits)");
        }
        return bytes;
    }

    /** A base64url member read as an unsigned big-endian integer (RFC 7518 "Base64urlUInt"). */
    public BigInteger requiredUnsigned(String name) throws JwkProblem {
        return new BigInteger(1, requiredBase64Url(name));
    }
}
