package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file that changes while it is uploaded, at each phase of an upload: after it was found, in the middle of a body,
 * between parts, after its last byte went out. Each is caught before {@code /upload/verify}, never retried and never
 * reported as a network failure, and the pending upload is aborted. The emulator runs the change when the request of
 * that phase arrives ({@link Fault#meanwhile}).
 */
class ChangingFilesTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private ApiFixture api;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(3 * MIB).withPartSizeMb(1));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private FileChangedException uploadFails(Path file) throws IOException {
        UploadSpec spec = new UploadSpec(LocalFile.of(file), null, List.of(),
                UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0).build(),
                TransferSettings.defaults().withConcurrency(1));
        FileChangedException e = catchThrowableOfType(FileChangedException.class,
                () -> api.uploader("changing files", log).upload(spec));
        SecretLedger.observe("changing file", e);
        assertThat(api.emulator.requestCount("verifyUpload")).isZero();
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
        assertThat(log).noneMatch(line -> line.startsWith("Retrying"));
        assertThat(e.getMessage()).doesNotContain("connection");
        return e;
    }

    private static Runnable append(Path file, int bytes) {
        return () -> io(() -> Files.write(file, new byte[bytes], StandardOpenOption.APPEND));
    }

    private static Runnable truncate(Path file, long size) {
        return () -> io(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(size);
            }
        });
    }

    /** Same size, other bytes, a later modification time: what a build rewriting the file in place does. */
    private static Runnable rewriteInPlace(Path file) {
        return () -> io(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileThatGrowsBeforeItsUploadIsRequestedIsCaughtBeforeAnyByteIsSent() throws Exception {
        Path file = Files2.random(dir, "app.apk", 4096, 1);
        api.emulator.faults().on("requestUpload").once().inject(Fault.meanwhile(append(file, 1)));

        FileChangedException e = uploadFails(file);

        assertThat(e.getMessage()).isEqualTo("The primary file app.apk changed while it was being uploaded: it is now"
                + " 4097 bytes, it was 4096 when the upload was announced, so the upload was stopped. Upload it after the"
                + " build has finished writing it");
        assertThat(api.emulator.requestCount("storagePutObject")).isZero();
    }

    @Test
    void aFileTruncatedInTheMiddleOfItsBodyIsReportedAsChangedAndNotRetried() throws Exception {
        // Larger than the socket buffers can hold, in one PUT: the file side is still reading when it is cut short.
        api.close();
        api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(64 * MIB));
        Path file = Files2.random(dir, "app.apk", 16 * MIB + 3, 2);
        api.emulator.faults().on("storagePutObject").once()
                .inject(Fault.meanwhile(truncate(file, 1000), Fault.throttleBody(400_000_000)));

        FileChangedException e = uploadFails(file);

        assertThat(e.getMessage()).isEqualTo("The primary file app.apk changed while it was being uploaded: it is now"
                + " 1000 bytes, it was 16777219 when the upload was announced, so the upload was stopped. Upload it after"
                + " the build has finished writing it");
        // Storage never got the whole body: the change was seen mid-body, not by the look after the PUT. The emulator
        // logs the request once it has given up on the body, which may be after the client reported.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (api.emulator.requestCount("storagePutObject") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(api.emulator.requestLog()).filteredOn(r -> r.route().equals("storagePutObject")).singleElement()
                .satisfies(r -> assertThat(r.status()).isNotEqualTo(200));
    }

    /** Part 2: after the first part was stored; part 5: while the last part is sent, so only the look before verify sees it. */
    @ParameterizedTest(name = "while part {0} of 5 is sent")
    @ValueSource(ints = {2, 5})
    void aFileThatGrowsDuringAPartIsCaughtBeforeTheNextPartOrVerify(int part) throws Exception {
        Path file = Files2.random(dir, "game.apk", 4 * MIB + 5, 3);
        api.emulator.faults().on("storageUploadPart").part(part).once().inject(Fault.meanwhile(append(file, 10)));

        FileChangedException e = uploadFails(file);

        assertThat(e.getMessage()).startsWith("The primary file game.apk changed while it was being uploaded: it is now"
                + " 4194319 bytes, it was 4194309 when the upload was announced");
        assertThat(api.emulator.requestCount("storageUploadPart")).isEqualTo(part);
    }

    @Test
    void aFileRewrittenInPlaceAtItsOwnSizeIsCaughtByItsModificationTime() throws Exception {
        Path file = Files2.random(dir, "game.apk", 4 * MIB + 5, 4);
        api.emulator.faults().on("storageUploadPart").part(3).once().inject(Fault.meanwhile(rewriteInPlace(file)));

        FileChangedException e = uploadFails(file);

        assertThat(e.getMessage()).startsWith("The primary file game.apk changed while it was being uploaded: it was"
                + " modified at ").contains(", after it was found (modified at ")
                .endsWith("so the upload was stopped. Upload it after the build has finished writing it");
    }

    @Test
    void aFileDeletedBetweenPartsIsCaught() throws Exception {
        Path file = Files2.random(dir, "game.apk", 4 * MIB + 5, 5);
        api.emulator.faults().on("storageUploadPart").part(2).once()
                .inject(Fault.meanwhile(() -> io(() -> Files.delete(file))));

        FileChangedException e = uploadFails(file);

        assertThat(e.getMessage()).isEqualTo("The primary file game.apk is gone from " + file + ": it was deleted while"
                + " it was being uploaded, so the upload was stopped. Upload it after the build has finished with it");
    }

    @Test
    void aSinglePartFileThatChangesAfterItsBodyWasReadIsCaughtBeforeVerify() throws Exception {
        Path file = Files2.random(dir, "app.apk", 5000, 7);
        // The answer to the PUT comes 400 ms after its body was read; the file changes 200 ms after the PUT arrived.
        api.emulator.faults().on("storagePutObject").once().inject(Fault.meanwhile(() -> CompletableFuture.runAsync(
                rewriteInPlace(file), CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)),
                Fault.delayHeaders(Duration.ofMillis(400))));

        FileChangedException e = uploadFails(file);

        assertThat(e.getMessage()).startsWith("The primary file app.apk changed while it was being uploaded: it was"
                + " modified at ");
        assertThat(api.emulator.requestCount("storagePutObject")).isEqualTo(1);
    }
}
