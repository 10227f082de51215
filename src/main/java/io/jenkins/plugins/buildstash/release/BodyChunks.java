package io.jenkins.plugins.buildstash.release;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body handed to the reading thread one chunk at a time. At most one chunk is asked for ahead of the one
 * being written, so memory stays flat whatever the file's size. Unlike the JDK's response {@code InputStream}, whose
 * blocked read swallows an interrupt, {@link #next()} gives up at once when the thread is interrupted; the watchdog
 * ends it with {@link #abort}.
 */
final class BodyChunks implements Flow.Subscriber<List<ByteBuffer>> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription;
    private boolean aborted;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (this) {
            subscription = s;
            cancel = aborted;
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> chunk) {
        queue.add(chunk);
    }

    @Override
    public void onError(Throwable failure) {
        queue.add(failure);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /**
     * The next chunk, or null at the end of the body; the chunk after it is asked for at once.
     *
     * @throws IOException when the body failed or was aborted
     * @throws InterruptedException when the thread was interrupted: the body is then abandoned
     */
    List<ByteBuffer> next() throws IOException, InterruptedException {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            abort(new IOException("interrupted"));
            throw e;
        }
        if (item == END) {
            return null;
        }
        if (item instanceof Throwable failure) {
            queue.add(failure); // every later call fails the same way
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        s.request(1);
        @SuppressWarnings("unchecked")
        List<ByteBuffer> chunk = (List<ByteBuffer>) item;
        return chunk;
    }

    /** Stops the body: the connection is released, and the reader's current or next {@link #next()} fails with why. */
    void abort(IOException why) {
        Flow.Subscription s;
        synchronized (this) {
            aborted = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
        queue.add(why);
    }
}
