package dev.jwkgate.metrics;

import dev.jwkgate.result.ReasonCode;
import java.util.function.IntSupplier;

/** The recorder that records nothing: every call returns at once, and {@link #start()} reads no clock. */
enum NoMetrics implements MetricsRecorder, ValidationMetrics, TokenCacheMetrics, KeySourceMetrics {
    INSTANCE;

    @Override
    public ValidationMetrics validations(String issuer) {
        return this;
    }

    @Override
    public TokenCacheMetrics tokenCache(String issuer, IntSupplier size) {
        return this;
    }

    @Override
    public KeySourceMetrics keySource(String issuer) {
        return this;
    }

    @Override
    public long start() {
        return 0;
    }

    @Override
    public void accepted(long start) {
    }

    @Override
    public void acceptedFromCache() {
    }

    @Override
    public void refused(ReasonCode reason, long start) {
    }

    @Override
    public void refused(ReasonCode reason) {
    }

    @Override
    public void consumerNotFound() {
    }

    @Override
    public void hit() {
    }

    @Override
    public void miss() {
    }

    @Override
    public void evicted(int entries) {
    }

    @Override
    public void fetched(boolean success) {
    }

    @Override
    public void unknownKidRefreshed() {
    }

    @Override
    public void unknownKidJoinedRefresh() {
    }

    @Override
    public void unknownKidThrottled() {
    }
}
