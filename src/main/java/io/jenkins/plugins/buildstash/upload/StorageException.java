package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.ConnectionFailures;
import io.jenkins.plugins.buildstash.api.Failure;
import io.jenkins.plugins.buildstash.api.Redact;
import io.jenkins.plugins.buildstash.api.RetryAfter;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transfer to or from storage (a presigned PUT, a temporary download URL) that failed; {@code urlExpired} when storage
 * refused the URL as expired. Messages name the transfer and the storage host, never the URL's query string.
 */
public final class StorageException extends BuildstashException {

    private static final long serialVersionUID = 1L;

    private static final Pattern S3_CODE = Pattern.compile("<Code>([^<]{1,64})</Code>");
    private static final Pattern S3_MESSAGE = Pattern.compile("<Message>([^<]{1,200})</Message>");

    /** Which kind of URL a transfer used, for the hints of refused requests. */
    public enum Url {
        /** A presigned PUT of a file or a part. */
        PRESIGNED_PUT,
        /** A temporary download URL, fetched with a plain GET. */
        TEMPORARY_GET
    }

    private final boolean urlExpired;

    public StorageException(String message, String operation, Failure failure, boolean urlExpired) {
        super(message, operation, failure, null);
        this.urlExpired = urlExpired;
    }

    public boolean urlExpired() {
        return urlExpired;
    }

    /** A transfer that got no answer: no connection, a timeout, TLS, or a connection that broke. */
    public static StorageException networkFailure(Throwable cause, String what, String url, String operation) {
        String host = Redact.url(url);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
                || cause != null && cause.getCause() instanceof ConnectException) {
            return new StorageException("Could not connect to storage for " + what + " (" + host + ")", operation,
                    Failure.of(Failure.Type.NOT_CONNECTED), false);
        }
        if (cause instanceof HttpTimeoutException) {
            return new StorageException("Storage timed out on " + what + " (" + host + ")", operation,
                    Failure.of(Failure.Type.TIMED_OUT), false);
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            String detail = Redact.text(String.valueOf(cause.getMessage()));
            return new StorageException("The TLS connection to storage failed for " + what + " (" + host + ": " + detail
                    + "): check the proxy and the certificates this JVM trusts", operation,
                    Failure.of(Failure.Type.PERMANENT), false);
        }
        return new StorageException("The connection to storage broke during " + what + " (" + host + "): "
                + ConnectionFailures.describe(cause), operation, Failure.of(Failure.Type.CONNECTION_LOST), false);
    }

    /**
     * An error answer: S3's {@code Code} and {@code Message} when the body has them, {@code Retry-After} (seconds or a
     * date measured against the answer's own {@code Date}) as a floor for the retry, and a hint for refused URLs.
     */
    public static StorageException refused(int status, HttpHeaders headers, String body, String what, String operation,
            Url url) {
        String code = first(S3_CODE, body);
        String message = first(S3_MESSAGE, body);
        String reason = (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
        boolean expired = status == 403 && body.toLowerCase(Locale.ROOT).contains("expired");
        Duration retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null),
                headers.firstValue("Date").orElse(null), Clock.systemUTC());
        // S3 answers 400 RequestTimeout when a body arrives too slowly: the AWS SDKs retry it like a timeout.
        Failure failure = "RequestTimeout".equals(code) ? Failure.of(Failure.Type.TIMED_OUT) : Failure.status(status, retryAfter);
        String wait = retryAfter == null ? "" : ", asked to wait " + retryAfter.toSeconds() + " s";
        return new StorageException("Storage refused " + what + " (HTTP " + status + reason + wait + ")"
                + hint(status, expired, url), operation, failure, expired);
    }

    private static String hint(int status, boolean expired, Url url) {
        String kind = url == Url.PRESIGNED_PUT ? "presigned URL" : "temporary URL";
        if (expired) {
            return ": the " + kind + " expired";
        }
        if (status == 403) {
            return url == Url.PRESIGNED_PUT ? ": the presigned URL or its signed headers were refused" : ": the temporary URL was refused";
        }
        return status == 404 && url == Url.TEMPORARY_GET ? ": storage has no file at the temporary URL" : "";
    }

    private static String first(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? Redact.text(m.group(1)) : null;
    }
}
