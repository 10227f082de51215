package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.PendingUploadView;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logic of {@code buildstashUpload}'s resume after a controller restart: the journal the step execution keeps in
 * {@code program.dat} names the pending upload while it is open, and after the restart the pending upload is aborted
 * and the step fails saying so. The restart is played here as Jenkins would see it: the journal is serialised while
 * the transfer runs (as the program is saved), the JVM "dies" (the upload stops without aborting anything, as a killed
 * controller does), and a copy read back from the bytes settles the upload.
 */
class UploadJournalTest {

    private static final long MIB = 1024 * 1024;

    /** The controller's JVM going away mid-transfer: nothing after it runs, so no abort either. */
    private static final class ControllerGone extends Error {
        private static final long serialVersionUID = 1L;
    }

    @TempDir
    Path dir;

    private ApiFixture api;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(MIB - 1).withPartSizeMb(1));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private UploadSpec spec(Path file) throws Exception {
        return new UploadSpec(LocalFile.of(file), null, List.of(),
                UploadOptions.builder().platform("android").stream("beta").version(1, 2, 3).build(), null);
    }

    /** Uploads with a file side that saves the journal mid-transfer and then loses the controller. */
    private byte[] restartMidTransfer(UploadJournal journal) throws Exception {
        Path apk = Files2.random(dir, "game.apk", 3 * MIB, 5);
        byte[][] saved = new byte[1][];
        FileSide dying = (order, urls) -> {
            urls.parts(FileRole.PRIMARY, 0, 1, 2); // the agent was under way
            saved[0] = serialise(journal);
            throw new ControllerGone();
        };
        Throwable e = catchThrowable(() -> new Uploader(api.appClient(), dying, log::add, journal).upload(spec(apk)));
        assertThat(e).isInstanceOf(ControllerGone.class);
        assertThat(api.emulator.pendingUploads()).as("left open by the dead controller").hasSize(1);
        return saved[0];
    }

    @Test
    void afterARestartThePendingUploadNamedInTheSavedJournalIsAbortedAndTheStepSaysSo() throws Exception {
        AtomicInteger saves = new AtomicInteger();
        UploadJournal journal = new UploadJournal("build/*.apk").savingWith(saves::incrementAndGet);
        byte[] programDat = restartMidTransfer(journal);
        String pending = api.emulator.pendingUploads().get(0).id();
        assertThat(saves).as("saved as soon as the pending upload opened").hasValue(1);

        String text = new String(programDat, StandardCharsets.ISO_8859_1);
        SecretLedger.observe("upload journal (serialised, program.dat)", text);
        assertThat(text).contains(pending).doesNotContain(api.seed.applicationKey());

        UploadJournal resumed = deserialise(programDat);
        assertThat(resumed.pendingUploadId()).isEqualTo(pending);
        String message = resumed.afterRestart(api.appClient(), null, log::add);

        assertThat(message).isEqualTo("Jenkins restarted while buildstashUpload was sending build/*.apk, which stopped"
                + " the transfer; its pending upload " + pending + " was aborted on Buildstash, so nothing half-sent is"
                + " left there. An upload is not resumed after a restart: run the build again");
        assertThat(api.emulator.uploads()).singleElement().extracting(PendingUploadView::status).isEqualTo("ABORTED");
        assertThat(api.emulator.pendingUploads()).isEmpty();
        assertThat(log).contains("Aborted the pending upload " + pending + " on Buildstash");
        assertThat(resumed.pendingUploadId()).isNull();
    }

    @Test
    void whenTheKeyCannotBeReadAfterTheRestartTheMessageSaysWhyThePendingUploadStaysOpen() throws Exception {
        UploadJournal resumed = deserialise(restartMidTransfer(new UploadJournal("game.apk")));
        String pending = resumed.pendingUploadId();
        String message = resumed.afterRestart(null, "No credentials with id 'gone' are visible to job", log::add);
        assertThat(message).isEqualTo("Jenkins restarted while buildstashUpload was sending game.apk, which stopped the"
                + " transfer; its pending upload " + pending + " could not be aborted (No credentials with id 'gone' are"
                + " visible to job), and Buildstash discards it unverified. An upload is not resumed after a restart:"
                + " run the build again");
        assertThat(api.emulator.pendingUploads()).hasSize(1);
    }

    @Test
    void aPendingUploadAlreadyClosedByTheTimeOfTheResumeIsReportedNotHidden() throws Exception {
        UploadJournal resumed = deserialise(restartMidTransfer(new UploadJournal("game.apk")));
        api.appClient().abortUpload(resumed.pendingUploadId()); // e.g. aborted by the old JVM on its way down
        String message = resumed.afterRestart(api.appClient(), null, log::add);
        assertThat(message).contains("could not be aborted, and Buildstash discards it unverified");
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("Could not abort the pending upload")
                .contains("This upload has been aborted"));
    }

    @Test
    void aRestartAfterTheBuildWasCreatedDoesNotAbortNorUploadAgain() throws Exception {
        Path apk = Files2.random(dir, "app.apk", 2 * MIB, 9);
        UploadJournal journal = new UploadJournal("app.apk");
        UploadResult result = new Uploader(api.appClient(), new LocalFileSide(log::add, api.sleeper), log::add, journal)
                .upload(spec(apk));
        UploadJournal resumed = deserialise(serialise(journal));
        assertThat(resumed.pendingUploadId()).isNull();
        assertThat(resumed.buildId()).isEqualTo(result.buildId());

        String message = resumed.afterRestart(api.appClient(), null, log::add);
        assertThat(message).isEqualTo("Jenkins restarted after Buildstash had created build " + result.buildId()
                + " from app.apk, before buildstashUpload finished (metadata artifacts may be missing from it). The step"
                + " is not run again, so that the build is not uploaded twice: find it on Buildstash");
        assertThat(api.emulator.abortedUploadIds()).isEmpty();
        assertThat(api.emulator.storedBuilds()).hasSize(1);
    }

    @Test
    void aFailedUploadSettlesItsJournalSoThatAResumeHasNothingToAbort() throws Exception {
        Path apk = Files2.random(dir, "app.apk", 2 * MIB, 9);
        UploadJournal journal = new UploadJournal("app.apk");
        FileSide failing = (order, urls) -> {
            throw new UploadFailure("The primary file app.apk changed while it was being uploaded");
        };
        catchThrowable(() -> new Uploader(api.appClient(), failing, log::add, journal).upload(spec(apk)));
        String aborted = api.emulator.abortedUploadIds().get(0);
        assertThat(api.emulator.pendingUploads()).isEmpty();
        assertThat(journal.pendingUploadId()).isNull();
        // As when the old JVM aborted it on its way down, before the program was saved for the last time.
        assertThat(deserialise(serialise(journal)).afterRestart(api.appClient(), null, log::add)).isEqualTo("Jenkins"
                + " restarted while buildstashUpload was sending app.apk, which stopped the transfer; its pending upload "
                + aborted + " had been closed before the restart, so nothing half-sent is left on Buildstash. An upload"
                + " is not resumed after a restart: run the build again");
        assertThat(api.emulator.abortedUploadIds()).containsExactly(aborted);
    }

    @Test
    void aRestartBeforeThePendingUploadOpenedLeavesNothingToAbort() {
        assertThat(new UploadJournal("app.apk").afterRestart(api.appClient(), null, log::add)).isEqualTo("Jenkins"
                + " restarted while buildstashUpload was sending app.apk, which stopped the transfer before Buildstash"
                + " opened a pending upload for it; nothing was left there. Run the build again");
        assertThat(api.emulator.requestLog()).isEmpty();
    }

    @Test
    void aSaveThatFailsNeverReplacesTheUploadsOwnOutcome() throws Exception {
        Path apk = Files2.random(dir, "app.apk", 2 * MIB, 9);
        UploadJournal journal = new UploadJournal("app.apk").savingWith(() -> {
            throw new IllegalStateException("the execution is gone");
        });
        UploadResult result = new Uploader(api.appClient(), new LocalFileSide(log::add, api.sleeper), log::add, journal)
                .upload(spec(apk));
        assertThat(api.emulator.storedBuild(result.buildId())).isPresent();
    }

    private static byte[] serialise(Object o) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static UploadJournal deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (UploadJournal) in.readObject();
        }
    }
}
