package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRangePublisherTest {

    @TempDir
    Path dir;

    /** Reads everything the publisher emits, one chunk at a time like the HTTP client does. */
    private static byte[] drain(FileRangePublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                out.write(b, 0, b.length);
                s.request(1);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        return out.toByteArray();
    }

    @Test
    void emitsExactlyTheRangeAndReportsItsBytes() throws Exception {
        Path file = dir.resolve("data.bin");
        byte[] content = new byte[FileRangePublisher.CHUNK_SIZE * 3 + 17];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, content);
        AtomicLong reported = new AtomicLong();
        int offset = 1000;
        int length = FileRangePublisher.CHUNK_SIZE * 2 + 5;
        FileRangePublisher publisher = new FileRangePublisher(file, offset, length, reported::addAndGet);

        assertThat(publisher.contentLength()).isEqualTo(length);
        byte[] got = drain(publisher);
        assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(content, offset, offset + length));
        assertThat(reported.get()).isEqualTo(length);
        // A retry subscribes again and reads the range again from its start.
        assertThat(drain(publisher)).isEqualTo(got);
    }

    @Test
    void readsPastFourGibibytesWithSixtyFourBitOffsets() throws Exception {
        Path sparse = dir.resolve("sparse.bin");
        long marker = 5L * 1024 * 1024 * 1024 + 3;
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.seek(marker);
            f.write(new byte[] {1, 2, 3, 4});
        }
        byte[] got = drain(new FileRangePublisher(sparse, marker - 2, 6, n -> {}));
        assertThat(got).containsExactly(0, 0, 1, 2, 3, 4);
    }

    @Test
    void aFileThatShrankFailsWithAClearMessage() {
        Path file = dir.resolve("short.bin");
        try {
            Files.write(file, new byte[10]);
            drain(new FileRangePublisher(file, 0, 20, n -> {}));
        } catch (Exception e) {
            assertThat(e).hasRootCauseInstanceOf(IOException.class).rootCause().hasMessageContaining("changed during the upload");
            return;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void anEmptyRangeCompletesAtOnce() throws Exception {
        Path file = dir.resolve("x");
        Files.write(file, new byte[3]);
        assertThat(drain(new FileRangePublisher(file, 0, 0, n -> {}))).isEmpty();
    }
}
