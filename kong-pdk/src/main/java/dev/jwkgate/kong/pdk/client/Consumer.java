package dev.jwkgate.kong.pdk.client;

import java.util.List;

/**
 * A Kong consumer, as {@code kong.client.get_consumer} and {@code load_consumer} return it.
 *
 * @param createdAt seconds since the epoch
 */
public record Consumer(String id, long createdAt, String username, String customId, List<String> tags) {

    public Consumer {
        tags = List.copyOf(tags);
    }
}
