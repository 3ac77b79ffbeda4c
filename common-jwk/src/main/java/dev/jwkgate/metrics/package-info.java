/**
 * What the core counts, and where it reports it: {@link dev.jwkgate.metrics.MetricsRecorder} and its three
 * parts ({@link dev.jwkgate.metrics.ValidationMetrics} per issuer, {@link dev.jwkgate.metrics.TokenCacheMetrics}
 * per verified-token cache, {@link dev.jwkgate.metrics.KeySourceMetrics} per remote key source). The core holds no
 * metrics library: by default nothing is recorded ({@link dev.jwkgate.metrics.MetricsRecorder#NONE}, no clock read,
 * no counter); a deployable binds a library once ({@link dev.jwkgate.metrics.ProcessMetrics}), as the
 * {@code observability} module does for Prometheus. Every part is resolved once, when a validator or a source is
 * built, so the request path never looks up a label.
 */
package dev.jwkgate.metrics;
