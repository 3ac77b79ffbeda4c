package dev.jwkgate.kong.pdk.client;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.protocol.KongProtocol;

/** The entity messages of Kong's protocol ({@code Consumer}, {@code AuthenticatedCredential}) and the PDK's records. */
final class Entities {

    private Entities() {
    }

    /** An empty message means no consumer: Kong encodes nil as nothing. */
    static Consumer consumer(byte[] message) {
        if (message.length == 0) {
            return null;
        }
        KongProtocol.Consumer consumer = Messages.parse(message, KongProtocol.Consumer.parser());
        return new Consumer(consumer.getId(), consumer.getCreatedAt(), consumer.getUsername(), consumer.getCustomId(),
                consumer.getTagsList());
    }

    /** A null text is left off the wire, which is how Kong encodes a field that is not set. */
    static KongProtocol.Consumer consumer(Consumer consumer) {
        return KongProtocol.Consumer.newBuilder()
                .setId(orEmpty(consumer.id()))
                .setCreatedAt(consumer.createdAt())
                .setUsername(orEmpty(consumer.username()))
                .setCustomId(orEmpty(consumer.customId()))
                .addAllTags(consumer.tags())
                .build();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    static Credential credential(byte[] message) {
        if (message.length == 0) {
            return null;
        }
        KongProtocol.AuthenticatedCredential credential = Messages.parse(message,
                KongProtocol.AuthenticatedCredential.parser());
        return new Credential(credential.getId(), credential.getConsumerId());
    }

    /** {@code AuthenticateArgs{consumer, credential}}; either may be absent. */
    static byte[] authenticateArgs(Consumer consumer, Credential credential) {
        KongProtocol.AuthenticateArgs.Builder args = KongProtocol.AuthenticateArgs.newBuilder();
        if (consumer != null) {
            args.setConsumer(consumer(consumer));
        }
        if (credential != null) {
            args.setCredential(KongProtocol.AuthenticatedCredential.newBuilder()
                    .setId(orEmpty(credential.id()))
                    .setConsumerId(orEmpty(credential.consumerId())));
        }
        return args.build().toByteArray();
    }

    static byte[] consumerSpec(String idOrUsername, boolean byUsername) {
        return KongProtocol.ConsumerSpec.newBuilder().setId(idOrUsername).setByUsername(byUsername).build().toByteArray();
    }
}
