package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata artifacts are attached after the build exists: whatever happens to one, the upload returns its build, the
 * failed artifact is named in the result, and its own pending metadata upload is aborted.
 */
class MetadataArtifactFailuresTest {

    @TempDir
    Path dir;

    private ApiFixture api;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(EmulatorOptions.defaults());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private UploadResult upload(FileSide fileSide, Path... artifacts) throws Exception {
        List<MetadataFile> metadata = new java.util.ArrayList<>();
        for (Path artifact : artifacts) {
            metadata.add(new MetadataFile(LocalFile.of(artifact), null));
        }
        UploadSpec spec = new UploadSpec(LocalFile.of(Files2.random(dir, "app.apk", 3000, 1)), null, metadata,
                UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0).build(), null);
        return new Uploader(api.appClient(), fileSide, SecretLedger.log("metadata failures", log)).upload(spec);
    }

    private FileSide localFiles() {
        return new LocalFileSide(SecretLedger.log("metadata failures", log), api.sleeper);
    }

    /** Once the build is verified, the next single PUT (the first artifact's) is refused by storage. */
    private void storageRefusesTheFirstArtifact() {
        api.emulator.faults().on("verifyUpload").once().inject(Fault.meanwhile(() ->
                api.emulator.faults().on("storagePutObject").once().inject(Fault.status(403))));
    }

    @Test
    void anArtifactRefusedByStorageIsReportedByNameAndItsPendingUploadAborted() throws Exception {
        Path report = Files.writeString(dir.resolve("测试报告.xml"), "<testsuite/>");
        Path sbom = Files.writeString(dir.resolve("sbom.cdx.json"), "{}");
        storageRefusesTheFirstArtifact();

        UploadResult result = upload(localFiles(), report, sbom);

        assertThat(result.metadataFailures()).containsExactly("测试报告.xml: Storage refused 测试报告.xml (HTTP 403"
                + " AccessDenied: Forbidden): the presigned URL or its signed headers were refused");
        assertThat(result.metadata()).extracting(UploadResult.UploadedFile::name).containsExactly("sbom.cdx.json");
        StoredBuild build = api.emulator.storedBuild(result.buildId()).orElseThrow();
        assertThat(build.metadataArtifacts()).extracting(f -> f.filename()).containsExactly("sbom.cdx.json");
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
        assertThat(log).contains("Could not attach the metadata artifact 测试报告.xml: Storage refused 测试报告.xml"
                + " (HTTP 403 AccessDenied: Forbidden): the presigned URL or its signed headers were refused");
    }

    @Test
    void anUnexpectedErrorWhileSendingAnArtifactNeitherFailsTheUploadNorLeavesItsPendingUpload() throws Exception {
        Path report = Files.writeString(dir.resolve("report.xml"), "<testsuite/>");
        FileSide local = localFiles();
        FileSide breaksOnMetadata = (order, urls) -> {
            if (order.files().get(0).role() == FileRole.METADATA) {
                throw new IllegalStateException("a defect in the file side");
            }
            return local.transfer(order, urls);
        };

        UploadResult result = upload(breaksOnMetadata, report);

        assertThat(result.buildId()).isNotBlank();
        assertThat(result.metadataFailures()).containsExactly(
                "report.xml: an internal error (java.lang.IllegalStateException: a defect in the file side)");
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void anArtifactWhoseMetadataRequestFailsIsReportedAndTheNextIsStillAttached() throws Exception {
        Path first = Files.writeString(dir.resolve("a.log"), "a");
        Path second = Files.writeString(dir.resolve("b.log"), "b");
        api.emulator.faults().on("requestMetadataUpload").once().inject(Fault.status(400));

        UploadResult result = upload(localFiles(), first, second);

        assertThat(result.metadataFailures()).singleElement().asString().startsWith("a.log: Buildstash refused"
                + " POST /upload/metadata/request (HTTP 400)");
        assertThat(result.metadata()).extracting(UploadResult.UploadedFile::name).containsExactly("b.log");
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void aMetadataAnswerCutInHalfIsNotRepeatedAndThePendingUploadItNamesIsAborted() throws Exception {
        Path report = Files.writeString(dir.resolve("report.xml"), "<testsuite/>");
        api.emulator.faults().on("requestMetadataUpload").once()
                .inject(Fault.rewriteAnswer(null, b -> java.util.Arrays.copyOf(b, b.length / 2)));

        UploadResult result = upload(localFiles(), report);

        assertThat(result.metadataFailures()).singleElement().asString().startsWith("report.xml: Buildstash at 127.0.0.1:"
                + api.emulator.port() + " answered POST /upload/metadata/request with HTTP 200 but the JSON body was cut"
                + " off or malformed (not retried");
        // A repeat would create a second pending metadata upload: the one the answer named is aborted instead.
        assertThat(api.emulator.requestCount("requestMetadataUpload")).isEqualTo(1);
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }
}
