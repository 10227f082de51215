package io.jenkins.plugins.buildstash.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.PendingUploadView;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two answers no client can recover from, which the fault soak leaves out: Buildstash processed the request, and
 * its answer was lost. The engine does not guess; it says what may have happened.
 */
class LostAnswersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

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

    private Uploader uploader() {
        BuildstashClient client = api.builder(api.seed.applicationKey()).requestTimeout(TIMEOUT)
                .log(SecretLedger.log("lost answers", log)).build();
        return new Uploader(client, new LocalFileSide(SecretLedger.log("lost answers", log), api.sleeper),
                SecretLedger.log("lost answers", log));
    }

    private UploadSpec spec() throws Exception {
        return new UploadSpec(LocalFile.of(Files2.random(dir, "app.apk", 4096, 40)), null, List.of(),
                UploadOptions.builder().platform("android").stream("beta").version(1, 2, 3).build(), null);
    }

    @Test
    void anUploadRequestWhoseAnswerIsLostIsNotRepeatedAndLeavesTheOnePendingUploadItCreated() throws Exception {
        // Buildstash creates the pending upload, then the connection is reset instead of answered.
        api.emulator.faults().on("requestUpload").once().inject(Fault.resetAfterBodyBytes(1 << 20));

        BuildstashException e = catchThrowableOfType(BuildstashException.class, () -> uploader().upload(spec()));

        SecretLedger.observe("lost upload request", e);
        assertThat(e.getMessage()).isEqualTo("The connection to Buildstash at 127.0.0.1:" + api.emulator.port()
                + " broke during POST /upload/request: it was closed before an answer came (not retried: the request"
                + " may have reached Buildstash and created an upload)");
        assertThat(api.emulator.requestCount("requestUpload")).isEqualTo(1);
        // Its id never arrived, so nobody can abort it: one pending upload, never a second.
        assertThat(api.emulator.pendingUploads()).singleElement().extracting(PendingUploadView::status).isEqualTo("OPEN");
        assertThat(api.emulator.requestCount("abortUpload")).isZero();
    }

    @Test
    void anUploadRequestAnsweredAfterTheTimeoutIsNotRepeatedEither() throws Exception {
        api.emulator.faults().on("requestUpload").once().inject(Fault.delayHeaders(TIMEOUT.multipliedBy(2)));

        BuildstashException e = catchThrowableOfType(BuildstashException.class, () -> uploader().upload(spec()));

        SecretLedger.observe("late upload request", e);
        assertThat(e.getMessage()).isEqualTo("Buildstash at 127.0.0.1:" + api.emulator.port() + " did not answer POST"
                + " /upload/request within 1 s (not retried: the request may have reached Buildstash and created an"
                + " upload)");
        assertThat(api.emulator.requestCount("requestUpload")).isEqualTo(1);
        assertThat(api.emulator.pendingUploads()).hasSize(1);
    }

    @Test
    void aVerifyWhoseAnswerIsLostSaysTheBuildMayExistAndItDoes() throws Exception {
        // The first verify creates the build, but its answer comes after the timeout; the retry is told "already
        // verified", and the build's id is in the answer that was lost.
        api.emulator.faults().on("verifyUpload").once().inject(Fault.delayHeaders(TIMEOUT.multipliedBy(2)));

        BuildstashException e = catchThrowableOfType(BuildstashException.class, () -> uploader().upload(spec()));

        SecretLedger.observe("lost verify", e);
        assertThat(e.getMessage()).isEqualTo("Buildstash refused POST /upload/verify (HTTP 400): This upload has already"
                + " been verified (gave up after 2 attempts). An earlier attempt's answer was lost, so Buildstash may have"
                + " created the build anyway: check the application's latest builds before uploading again");
        assertThat(e).isInstanceOf(io.jenkins.plugins.buildstash.upload.OutcomeUnknownException.class);
        assertThat(api.emulator.requestCount("verifyUpload")).isEqualTo(2);
        assertThat(api.emulator.storedBuilds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
        // Aborting what may be a build would be wrong, and its log line would mislead.
        assertThat(api.emulator.requestCount("abortUpload")).isZero();
        assertThat(log).anyMatch(l -> l.startsWith("Not aborting the pending upload ")
                && l.endsWith(": Buildstash may have turned it into a build"));
    }
}
