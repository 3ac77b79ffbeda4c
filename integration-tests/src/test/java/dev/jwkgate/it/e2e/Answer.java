package dev.jwkgate.it.e2e;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client and the upstream see of one request through a gateway: the status (200 when the request
 * goes upstream), the reason code of a refusal, and the claim headers forwarded upstream (lower-case names).
 */
public record Answer(int status, String reason, Map<String, String> forwarded) {

    /** The reason of a request that went upstream. */
    public static final String ACCEPTED = "accepted";

    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]*)\"");

    static Answer accepted(Map<String, String> forwarded) {
        return new Answer(200, ACCEPTED, Map.copyOf(forwarded));
    }

    static Answer refused(int status, String body) {
        Matcher m = REASON.matcher(body == null ? "" : body);
        return new Answer(status, m.find() ? m.group(1) : "(no reason in body: " + body + ")", Map.of());
    }

    /** Status and reason only: what the differential test compares. */
    public String verdict() {
        return status + " " + reason;
    }
}
