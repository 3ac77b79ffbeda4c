package dev.jwkgate.source.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory up to a hard cap, and cancels the exchange (closing the connection)
 * the moment the cap is passed, so a hostile or broken endpoint cannot make us buffer an unbounded body.
 */
final class LimitedBodySubscriber implements BodySubscriber<byte[]> {

    /** The body passed the cap; reading stopped there. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(int limit) {
            super("body larger than " + limit + " bytes");
        }
    }

    private final int limit;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBodySubscriber(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        // one buffer list at a time: nothing is pulled from the socket beyond what we are willing to keep
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer chunk : item) {
            if (buffer.size() + chunk.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new BodyTooLargeException(limit));
                return;
            }
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            buffer.write(bytes, 0, bytes.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }
}
