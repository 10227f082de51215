package io.jenkins.plugins.buildstash.upload;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A request body that streams {@code length} bytes of a file from {@code offset}, read as the HTTP client asks for them.
 * Its length is known, so the request carries a {@code Content-Length} and never chunked encoding (which presigned PUTs
 * refuse); memory stays at a few chunks whatever the file size. Each subscription opens its own channel, so a retried
 * request re-reads the range from its start.
 *
 * <p>With a {@link ChunkPool}, chunks are direct buffers that are read into straight from the file and written straight
 * to the socket, which saves the two copies (and the zeroing) a heap chunk costs. A chunk is reused only once the client
 * has written all of it ({@code hasRemaining()} false: the socket write moves its position to its limit and the client
 * never rewinds a request body), or returned to the pool by {@link #release} after the exchange; a chunk the client may
 * still hold is left to the garbage collector.
 */
final class FileRangePublisher implements HttpRequest.BodyPublisher {

    static final int CHUNK_SIZE = 256 * 1024;

    private final Path file;
    private final long offset;
    private final long length;
    private final LongConsumer onBytes;
    private final ChunkPool pool;
    private volatile RangeSubscription current;

    /**
     * @param onBytes told how many bytes were handed to the client, for progress and the stall watchdog
     */
    FileRangePublisher(Path file, long offset, long length, LongConsumer onBytes) {
        this(file, offset, length, null, onBytes);
    }

    /** @param pool direct chunks to read into and reuse, or null for a new heap chunk each time */
    FileRangePublisher(Path file, long offset, long length, ChunkPool pool, LongConsumer onBytes) {
        this.file = file;
        this.offset = offset;
        this.length = length;
        this.pool = pool;
        this.onBytes = onBytes;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        RangeSubscription s = new RangeSubscription(subscriber);
        current = s;
        subscriber.onSubscribe(s);
        if (length == 0) {
            s.complete();
        }
    }

    /**
     * Gives the chunks the client has written back to the pool; call it once the exchange is over. Chunks it has not
     * written all of are dropped rather than reused.
     */
    void release() {
        RangeSubscription s = current;
        if (s != null) {
            s.release();
        }
    }

    /** Fails the body being sent, which makes the client abandon the request at once (stall watchdog, abort). */
    void abort(IOException reason) {
        RangeSubscription s = current;
        if (s != null) {
            s.abort(reason);
        }
    }

    private final class RangeSubscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile IOException abortReason;
        private volatile FileChannel channel;
        private long sent;
        /** Pooled chunks handed to the client, oldest first: the client writes them out in that order. */
        private final ArrayDeque<ByteBuffer> lent = new ArrayDeque<>();

        RangeSubscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                abort(new IOException("illegal demand " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                close();
            }
        }

        /** Signals go out one thread at a time (Reactive Streams §1.3), so an abort is raised inside the drain loop. */
        void abort(IOException reason) {
            abortReason = reason;
            drain();
        }

        /** One thread at a time emits, whoever calls request(); re-entrant calls only add demand. */
        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                if (abortReason != null) {
                    fail(abortReason);
                }
                while (demand.get() > 0 && !done.get() && sent < length) {
                    ByteBuffer chunk;
                    try {
                        chunk = read();
                    } catch (IOException e) {
                        fail(e);
                        return;
                    }
                    sent += chunk.remaining();
                    demand.decrementAndGet();
                    onBytes.accept(chunk.remaining());
                    subscriber.onNext(chunk);
                }
                if (sent >= length && abortReason == null) {
                    complete();
                }
            } while (wip.decrementAndGet() != 0);
        }

        private ByteBuffer read() throws IOException {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            int size = (int) Math.min(CHUNK_SIZE, length - sent);
            ByteBuffer buffer = pool == null ? ByteBuffer.allocate(size) : borrow().limit(size);
            long position = offset + sent;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException(file.getFileName() + " is shorter than expected: it changed during the upload"
                            + " (ended at byte " + position + ", expected " + (offset + length) + ")");
                }
                position += n;
            }
            return buffer.flip();
        }

        /** The oldest lent chunk if the client has written all of it, otherwise one from the pool. */
        private synchronized ByteBuffer borrow() {
            ByteBuffer oldest = lent.peekFirst();
            ByteBuffer chunk = oldest != null && !oldest.hasRemaining() ? lent.pollFirst().clear() : pool.take();
            lent.addLast(chunk);
            return chunk;
        }

        synchronized void release() {
            for (ByteBuffer chunk : lent) {
                if (!chunk.hasRemaining()) {
                    pool.giveBack(chunk);
                }
            }
            lent.clear();
        }

        void complete() {
            if (done.compareAndSet(false, true)) {
                close();
                subscriber.onComplete();
            }
        }

        void fail(IOException e) {
            if (done.compareAndSet(false, true)) {
                close();
                subscriber.onError(e);
            }
        }

        private void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // reading is over either way
                }
            }
        }
    }

    /**
     * Direct chunks shared by PUTs. It holds at most {@link #MAX_IDLE} idle chunks; the rest are left to the garbage
     * collector, which frees a direct buffer's memory with it.
     */
    static final class ChunkPool {
        static final int MAX_IDLE = 32;

        /**
         * The JVM's pool, shared by every transfer: allocating (and zeroing) fresh direct chunks for each one was part
         * of its fixed cost (docs/performance.md). At most 8 MiB stays idle.
         */
        static final ChunkPool SHARED = new ChunkPool();

        private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();

        ByteBuffer take() {
            ByteBuffer chunk = idle.poll();
            return chunk != null ? chunk.clear() : ByteBuffer.allocateDirect(CHUNK_SIZE);
        }

        void giveBack(ByteBuffer chunk) {
            if (idle.size() < MAX_IDLE) {
                idle.offer(chunk);
            }
        }
    }
}
