package dev.jwkgate.source.http;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.json.Utf8;
import dev.jwkgate.net.UrlRules;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Performs one GET of a JSON document (JWKS or OIDC discovery) under jwkgate's transport rules.
 *
 * <p>The rules, each a lesson from peers' incidents: HTTPS only (plain HTTP to loopback, or with
 * {@code allow_http}); redirects are never followed, a 3xx is a failure (a redirect is how an SSRF or a
 * hijacked path would swap in foreign keys); a connect bound and a total bound that covers the body too;
 * exactly status 200; a JSON content type, so an HTML error page or a captive portal answering 200 is
 * named as such instead of failing later as "bad JSON"; the body read with a hard cap and the connection
 * dropped beyond it. A missing {@code Content-Type} is refused too: every identity provider we target
 * (Keycloak sends {@code application/json}) labels its JWKS, and an unlabelled body is more likely a
 * misconfigured proxy than a key set.
 *
 * <p>Thread-safe; one instance (and one {@link HttpClient}) per remote source.
 */
public final class JsonDocumentFetcher {

    static final String ACCEPT = "application/jwk-set+json, application/json";
    /** JDK exception messages (TLS, I/O) can quote what the server sent, such as certificate names. */
    private static final int JDK_MESSAGE_SHOWN = 300;

    private final HttpFetchSettings settings;
    private final HttpClient client;

    public JsonDocumentFetcher(HttpFetchSettings settings) {
        this.settings = settings;
        checkHeaderNames(settings);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // a JWKS is a few KiB; HTTP/1.1 keeps the failure modes simple
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout());
        if (ProxySelector.getDefault() != null) {
            // honour -Dhttps.proxyHost & co. as URLConnection-based peers do; HttpClient ignores them otherwise
            builder.proxy(ProxySelector.getDefault());
        }
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.client = builder.build();
    }

    public HttpFetchSettings settings() {
        return settings;
    }

    /**
     * Fetches {@code uri}, blocking the calling (background) thread at most for the total timeout.
     *
     * @throws FetchException saying precisely why the document could not be had
     */
    public FetchedDocument fetch(URI uri) throws FetchException {
        UrlRules.check("url", uri.toString(), settings.allowHttp()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem); // callers check URLs when configuring; this is a bug guard
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(settings.totalTimeout())
                .header("Accept", ACCEPT);
        settings.headers().forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request.build(), new CappedJsonBodyHandler(settings.maxBodyBytes()));
        HttpResponse<byte[]> response;
        try {
            // the request timeout alone stops at the response headers; this bound covers the body too
            response = exchange.get(settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FetchException(timedOut());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted");
        } catch (ExecutionException e) {
            throw new FetchException(describe(e.getCause()));
        }
        return accept(uri, response);
    }

    private FetchedDocument accept(URI uri, HttpResponse<byte[]> response) throws FetchException {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        if (status >= 300 && status < 400) {
            String target = headers.firstValue("Location").map(SafeUrls::redact).map(LogText::escape).orElse("nowhere");
            throw new FetchException("status " + status + ": redirect to " + target + " refused (redirects are never followed)");
        }
        if (status != 200) {
            throw new FetchException("status " + status + " (only 200 is accepted)");
        }
        String contentType = headers.firstValue("Content-Type").orElse(null);
        if (!isJson(contentType)) {
            throw new FetchException("not JSON: content type " + (contentType == null ? "missing" : LogText.quote(mediaType(contentType))));
        }
        String body = Utf8.decode(response.body()).orElseThrow(() -> new FetchException("body is not valid UTF-8"));
        String cacheControl = headers.allValues("Cache-Control").isEmpty()
                ? null : String.join(", ", headers.allValues("Cache-Control"));
        return new FetchedDocument(uri, body, cacheControl);
    }

    /** {@code application/json}, {@code application/jwk-set+json} or any {@code application/*+json}; parameters ignored. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = mediaType(contentType);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private String timedOut() {
        return "timed out after " + settings.totalTimeout().toMillis() + " ms";
    }

    private String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LimitedBodySubscriber.BodyTooLargeException) {
                return t.getMessage();
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timed out after " + settings.connectTimeout().toMillis() + " ms";
            }
            if (t instanceof HttpTimeoutException) {
                return timedOut();
            }
            if (t instanceof SSLException) {
                return "TLS failure: " + LogText.escape(t.getMessage(), JDK_MESSAGE_SHOWN);
            }
            if (t instanceof ConnectException) {
                return "connection failed: " + (t.getMessage() == null ? "refused" : t.getMessage());
            }
        }
        return "I/O error: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + LogText.escape(failure.getMessage(), JDK_MESSAGE_SHOWN));
    }

    private static void checkHeaderNames(HttpFetchSettings settings) {
        HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("https://localhost/"));
        for (String name : settings.headers().keySet()) {
            try {
                probe.header(name, "x"); // a placeholder: the real value must never reach an exception message
            } catch (IllegalArgumentException e) {
                throw new ConfigException("jwks_request_headers: '" + name + "' cannot be sent as a request header");
            }
        }
        settings.headers().forEach((name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ConfigException("jwks_request_headers: the value of '" + name + "' contains a line break");
            }
        });
    }

    /** Decides from status and headers how much of the body to read: none unless a 200 labelled JSON, none if announced too large. */
    private static final class CappedJsonBodyHandler implements BodyHandler<byte[]> {
        private final int limit;

        CappedJsonBodyHandler(int limit) {
            this.limit = limit;
        }

        @Override
        public BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            if (info.statusCode() != 200 || !isJson(info.headers().firstValue("Content-Type").orElse(null))) {
                return new UnreadBodySubscriber(null); // refused anyway: not a byte of it is worth reading
            }
            OptionalLong length = info.headers().firstValueAsLong("Content-Length");
            if (length.isPresent() && length.getAsLong() > limit) {
                return new UnreadBodySubscriber(new LimitedBodySubscriber.BodyTooLargeException(limit));
            }
            return new LimitedBodySubscriber(limit);
        }
    }

    /** Cancels the body at once (the connection is dropped, not drained), ending with an empty body or a failure. */
    private static final class UnreadBodySubscriber implements BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final Exception failure;

        UnreadBodySubscriber(Exception failure) {
            this.failure = failure;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            if (failure == null) {
                result.complete(new byte[0]);
            } else {
                result.completeExceptionally(failure);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // cancelled: nothing more is read
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new byte[0]);
        }
    }
}
