package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import java.io.IOException;
import java.util.List;

/**
 * What the key side exports to an agent instead of its own {@link UrlSource}: a forwarder that drops its delegate
 * (which holds the client, and so the API key) when the transfer ends, however it ends. Whatever still refers to the
 * forwarder afterwards — an export table entry on a channel that has not noticed yet, a late call from the agent —
 * reaches nothing: calls after {@link #close()} fail with a message saying the upload is over.
 */
public final class ReleasableUrlSource implements UrlSource, AutoCloseable {

    private volatile UrlSource delegate;

    public ReleasableUrlSource(UrlSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public PresignedRequest singlePut(FileRole role, int fileIndex) throws IOException, InterruptedException {
        return live().singlePut(role, fileIndex);
    }

    @Override
    public List<PartTarget> parts(FileRole role, int fileIndex, int first, int count)
            throws IOException, InterruptedException {
        return live().parts(role, fileIndex, first, count);
    }

    /** What borrows the forwarder: in Jenkins, the {@code act} that sends the transfer callable to the agent. */
    @FunctionalInterface
    public interface Borrower<T> {
        T with(UrlSource forwarder) throws IOException, InterruptedException;
    }

    /**
     * Lends {@code borrower} a forwarder to {@code urls} and releases it when the borrower returns or throws, whatever
     * it throws, so that nothing it handed on keeps the key side reachable.
     */
    public static <T> T lend(UrlSource urls, Borrower<T> borrower) throws IOException, InterruptedException {
        try (ReleasableUrlSource forwarder = new ReleasableUrlSource(urls)) {
            return borrower.with(forwarder);
        }
    }

    /** True once {@link #close()} has run: the forwarder holds nothing. */
    public boolean isReleased() {
        return delegate == null;
    }

    /** Drops the delegate; idempotent. */
    @Override
    public void close() {
        delegate = null;
    }

    private UrlSource live() throws UploadFailure {
        UrlSource d = delegate;
        if (d == null) {
            throw new UploadFailure("This upload has ended on the controller: it hands out no more presigned URLs");
        }
        return d;
    }

    @Override
    public String toString() {
        return "ReleasableUrlSource[" + (isReleased() ? "released" : "live") + "]";
    }
}
