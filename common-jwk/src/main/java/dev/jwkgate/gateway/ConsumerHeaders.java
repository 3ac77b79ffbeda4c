package dev.jwkgate.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The upstream headers Kong's own auth plugins ({@code jwt}, {@code key-auth}: {@code set_consumer}) set for the
 * consumer a request was authenticated as, and clear otherwise, so that a client can never send its own.
 */
public final class ConsumerHeaders {

    public static final String CONSUMER_ID = "X-Consumer-ID";
    public static final String CONSUMER_CUSTOM_ID = "X-Consumer-Custom-ID";
    public static final String CONSUMER_USERNAME = "X-Consumer-Username";
    public static final String CREDENTIAL_IDENTIFIER = "X-Credential-Identifier";
    public static final String ANONYMOUS = "X-Anonymous-Consumer";

    private ConsumerHeaders() {
    }

    /**
     * The changes for a request authenticated as this consumer (each null or empty when absent) with this credential;
     * Kong marks a consumer without a credential (the {@code anonymous} one) with {@code X-Anonymous-Consumer: true}.
     */
    public static List<HeaderChange> of(String consumerId, String customId, String username, String credentialId) {
        List<HeaderChange> changes = new ArrayList<>(5);
        changes.add(setOrRemove(CONSUMER_ID, consumerId));
        changes.add(setOrRemove(CONSUMER_CUSTOM_ID, customId));
        changes.add(setOrRemove(CONSUMER_USERNAME, username));
        changes.add(setOrRemove(CREDENTIAL_IDENTIFIER, credentialId));
        boolean anonymous = consumerId != null && credentialId == null;
        changes.add(anonymous ? HeaderChange.set(ANONYMOUS, "true") : HeaderChange.remove(ANONYMOUS));
        return List.copyOf(changes);
    }

    private static HeaderChange setOrRemove(String name, String value) {
        return value == null || value.isEmpty() ? HeaderChange.remove(name) : HeaderChange.set(name, value);
    }
}
