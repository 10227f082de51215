package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads through the key side and the in-process file side, checked byte for byte by the emulator's SHA-256. The
 * emulator splits anything above 1 MiB - 1 into 1 MiB parts, so part boundaries are cheap to reach.
 */
class UploaderTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private ApiFixture api;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(MIB - 1).withPartSizeMb(1));
    }

    @AfterEach
    void stop() throws InterruptedException {
        api.close();
        assertThat(Threads.named("buildstash-")).as("threads left by the engine").isEmpty();
    }

    private Uploader uploader(BuildstashClient client) {
        // Retries of the file side wait on a recording sleeper: the tests check what is retried, not the waits.
        return new Uploader(client, new LocalFileSide(SecretLedger.log("file side", log), api.sleeper),
                SecretLedger.log("key side", log));
    }

    private static UploadSpec spec(Path file, TransferSettings settings) throws Exception {
        return new UploadSpec(LocalFile.of(file), null, List.of(),
                UploadOptions.builder().platform("android").stream("beta").version(3, 1, 4).build(), settings);
    }

    private StoredBuild upload(Path file) throws Exception {
        UploadResult result = uploader(api.appClient()).upload(spec(file, null));
        StoredBuild stored = api.emulator.storedBuild(result.buildId()).orElseThrow();
        assertThat(stored.primary().sha256()).as("bytes of " + file.getFileName()).isEqualTo(Files2.sha256(file));
        assertThat(stored.primary().sizeBytes()).isEqualTo(java.nio.file.Files.size(file));
        return stored;
    }

    @Test
    void anEmptyFileIsRefusedBeforeAnythingIsSent() throws Exception {
        Path empty = java.nio.file.Files.createFile(dir.resolve("empty.apk"));
        InvalidUploadException e = catchThrowableOfType(InvalidUploadException.class,
                () -> uploader(api.appClient()).upload(spec(empty, null)));
        assertThat(e.getMessage()).isEqualTo("Not uploaded: file empty.apk is empty (0 bytes); Buildstash takes files of"
                + " 1 byte or more: check that the build wrote it");
        assertThat(api.emulator.requestLog()).isEmpty();
    }

    @Test
    void aTinyFileGoesInOneRequest() throws Exception {
        upload(Files2.random(dir, "tiny.apk", 1, 1));
        assertThat(api.emulator.requestCount("storagePutObject")).isEqualTo(1);
        assertThat(api.emulator.requestCount("storageUploadPart")).isZero();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {MIB, 2 * MIB - 1, 2 * MIB, 2 * MIB + 1, 7 * MIB + 3})
    void multipartFilesArriveWholeAtEveryPartBoundary(long size) throws Exception {
        upload(Files2.random(dir, "game-" + size + ".pak", size, size));
        long parts = (size + MIB - 1) / MIB;
        assertThat(api.emulator.requestCount("storageUploadPart")).isEqualTo(parts);
        assertThat(api.emulator.requestCount("requestMultipartPart")).isEqualTo(parts);
        assertThat(api.emulator.requestCount("verifyUpload")).isEqualTo(1);
    }

    @Test
    void aSparseFileOverFourGibibytesUsesSixtyFourBitOffsets() throws Exception {
        api.close();
        // Cheap ETags: MD5 of 4 GiB on the server would be most of the test's time, and proves nothing here.
        api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(MIB).withPartSizeMb(512)
                .withEtagMode(io.jenkins.plugins.buildstash.emulator.EtagMode.CHEAP));
        long size = 4L * 1024 * MIB + 5 * MIB + 7;
        upload(Files2.sparse(dir, "huge.pak", size));
        assertThat(api.emulator.requestCount("storageUploadPart")).isEqualTo(9);
    }

    @Test
    void anExpansionFileIsSentThroughItsOwnPartRoute() throws Exception {
        Path apk = Files2.random(dir, "game.apk", 3 * MIB + 1, 1);
        Path obb = Files2.random(dir, "main.1.com.acme.game.obb", 2 * MIB + 5, 2);
        UploadResult result = uploader(api.appClient()).upload(new UploadSpec(LocalFile.of(apk), LocalFile.of(obb),
                List.of(), UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0).build(), null));
        StoredBuild stored = api.emulator.storedBuild(result.buildId()).orElseThrow();
        assertThat(stored.primary().sha256()).isEqualTo(Files2.sha256(apk));
        assertThat(stored.expansions()).singleElement().satisfies(x -> assertThat(x.sha256()).isEqualTo(Files2.sha256(obb)));
        assertThat(api.emulator.requestCount("requestMultipartExpansionPart")).isEqualTo(3);
        assertThat(result.files()).extracting(UploadResult.UploadedFile::role).containsExactly("primary", "expansion");
    }

    @Test
    void aPartResetMidBodyIsSentAgainFromItsOffset() throws Exception {
        api.emulator.faults().on("storageUploadPart").part(2).once().inject(Fault.resetAfterBodyBytes(100_000));
        upload(Files2.random(dir, "game.pak", 4 * MIB, 9));
        assertThat(api.emulator.requestCount("storageUploadPart")).isEqualTo(5);
        assertThat(log).anyMatch(l -> l.startsWith("Retrying PUT part 2 of 4 of game.pak in "));
    }

    @Test
    void anExpiredPartUrlIsReplacedOnce() throws Exception {
        api.emulator.faults().on("storageUploadPart").part(3).once().inject(Fault.expiredUrl());
        upload(Files2.random(dir, "game.pak", 4 * MIB, 10));
        assertThat(api.emulator.requestCount("requestMultipartPart")).isEqualTo(5);
        assertThat(log).contains("The URL for part 3 of 4 of game.pak expired; asking Buildstash for a new one");
    }

    @Test
    void aPartUrlThatExpiresAgainAfterAFreshOneSaysSoAndAborts() throws Exception {
        api.emulator.faults().on("storageUploadPart").part(2).always().inject(Fault.expiredUrl());
        BuildstashException e = catchThrowableOfType(BuildstashException.class,
                () -> uploader(api.appClient()).upload(spec(Files2.random(dir, "game.pak", 3 * MIB, 11), null)));
        SecretLedger.observe("UploaderTest", e);
        assertThat(e.getMessage()).isEqualTo("Storage refused part 2 of 3 of game.pak (HTTP 403 AccessDenied: Request has"
                + " expired): the presigned URL expired, and so did the fresh one Buildstash issued right after it: run"
                + " the upload again, and tell Buildstash if it keeps happening");
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void aPartThatKeepsFailingAbortsThePendingUploadAndNamesThePart() throws Exception {
        api.emulator.faults().on("storageUploadPart").part(2).always().inject(Fault.status(500));
        BuildstashException e = catchThrowableOfType(BuildstashException.class,
                () -> uploader(api.appClient()).upload(spec(Files2.random(dir, "game.pak", 3 * MIB, 3), null)));
        SecretLedger.observe("UploaderTest", e);
        assertThat(e.getMessage()).startsWith("Storage refused part 2 of 3 of game.pak (HTTP 500")
                .endsWith("(gave up after 5 attempts)")
                .doesNotContain("Signature");
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
        assertThat(log).anyMatch(l -> l.startsWith("Aborted the pending upload "));
    }

    @Test
    void aFailedVerifyAbortsThePendingUpload() throws Exception {
        api.emulator.faults().on("verifyUpload").once().inject(Fault.status(400));
        Throwable e = catchThrowable(() -> uploader(api.appClient()).upload(spec(Files2.random(dir, "a.apk", 10, 1), null)));
        assertThat(e).isInstanceOf(BuildstashException.class).hasMessageContaining("Buildstash refused POST /upload/verify (HTTP 400)");
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.storedBuilds()).isEmpty();
    }

    @Test
    void anInterruptMidUploadCancelsThePartsAbortsAndLeavesNoThread() throws Exception {
        // Every part crawls at 4 Mbit/s, so the upload is certainly in flight when it is interrupted.
        api.emulator.faults().on("storageUploadPart").always().inject(Fault.throttleBody(4_000_000));
        Path file = Files2.random(dir, "slow.pak", 8 * MIB, 4);

        Throwable stopped = Interrupted.during(() -> uploader(api.appClient()).upload(spec(file, null)),
                () -> api.emulator.requestCount("requestMultipartPart") >= 4);

        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        // One line says both what was stopped and that the pending upload was aborted; the log does not repeat it.
        assertThat(stopped).isInstanceOf(UploadInterruptedException.class).hasMessage("Stopped uploading slow.pak (8 MiB):"
                + " the build was interrupted. Aborted the pending upload " + api.emulator.abortedUploadIds().get(0)
                + " on Buildstash");
        assertThat(log).noneMatch(line -> line.contains("Aborted the pending upload"));
        assertThat(api.emulator.storedBuilds()).isEmpty();
    }

    @Test
    void theFileSideNeverHoldsTheKey() throws Exception {
        List<TransferOrder> orders = new CopyOnWriteArrayList<>();
        FileSide recordingSide = (order, urls) -> {
            orders.add(order);
            SecretLedger.observeSerialized("transfer order", order);
            // A URL reaches the file side only as the answer to a call; its toString never shows the signature.
            List<PartTarget> first = urls.parts(FileRole.PRIMARY, 0, 1, 1);
            SecretLedger.observe("presigned part toString", first.toString());
            return new LocalFileSide(log::add).transfer(order, urls);
        };
        new Uploader(api.appClient(), recordingSide, log::add).upload(spec(Files2.random(dir, "g.pak", 3 * MIB, 5), null));
        assertThat(orders).hasSize(1);
        byte[] serialized = serialize(orders.get(0));
        assertThat(new String(serialized, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(api.seed.applicationKey())
                .doesNotContain("Bearer")
                .doesNotContain(SecretLedger.SIGNATURE_MARKER)
                .contains("g.pak");
    }

    private static byte[] serialize(java.io.Serializable o) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
