package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.HttpClients;
import io.jenkins.plugins.buildstash.upload.StorageException;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file side against a storage host scripted byte by byte: streaming, retries, stalls, interrupts, links. */
class FileDownloadTest {

    private static final byte[] BODY = ReleaseFixture.bytes(300_000, 7);

    @TempDir
    Path dir;

    private ScriptedStorage storage;
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (storage != null) {
            storage.close();
        }
    }

    private Path workspace() throws Exception {
        return Files.createDirectories(dir.resolve("workspace"));
    }

    private DownloadOrder order(String name, long size, TransferSettings settings) {
        return new DownloadOrder("b1", "android", "buildstash-release",
                List.of(new DownloadFile("primary", name, size, storage.url(name))), settings);
    }

    private DownloadReceipt run(Path workspace, DownloadOrder order) throws Exception {
        return new FileDownload(workspace, order, log::add, HttpClients.forStorage(null, Duration.ofSeconds(5)),
                d -> {}, new Random(1)).run();
    }

    private static List<Path> filesUnder(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean downloadThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("buildstash-download"));
    }

    @Test
    void aFileArrivesWholeAtItsPlaceAndTheGetCarriesNoAuthorization() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();

        DownloadReceipt receipt = run(ws, order("game.apk", BODY.length, TransferSettings.defaults()));

        Path file = ws.resolve("buildstash-release/android/game.apk");
        assertThat(Files.readAllBytes(file)).isEqualTo(BODY);
        assertThat(receipt.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("buildstash-release/android/game.apk");
            assertThat(f.size()).isEqualTo(BODY.length);
            assertThat(f.retries()).isZero();
        });
        assertThat(storage.requests()).singleElement().satisfies(headers -> {
            assertThat(headers.get(":request")).startsWith("GET /bucket/game.apk?X-Amz-Signature=");
            assertThat(headers).doesNotContainKey("authorization");
        });
        assertThat(filesUnder(ws)).containsExactly(file);
        assertThat(log).anyMatch(l -> l.startsWith("Downloaded buildstash-release/android/game.apk (293 KiB)"));
        assertThat(String.join("\n", log)).doesNotContain("secret-signature");
    }

    @Test
    void aBodyCutShortIsFetchedAgainFromTheStart() throws Exception {
        storage = new ScriptedStorage((n, out) -> {
            if (n == 1) {
                ScriptedStorage.cutAfter(out, BODY, 100_000);
            } else {
                ScriptedStorage.ok(out, BODY);
            }
        });
        Path ws = workspace();

        DownloadReceipt receipt = run(ws, order("game.apk", BODY.length, TransferSettings.defaults()));

        assertThat(Files.readAllBytes(ws.resolve("buildstash-release/android/game.apk"))).isEqualTo(BODY);
        assertThat(receipt.files().get(0).retries()).isEqualTo(1);
        assertThat(storage.connections()).isEqualTo(2);
        assertThat(log).anyMatch(l -> l.startsWith("Retrying GET buildstash-release/android/game.apk"));
    }

    @Test
    void aStalledTransferIsCancelledByTheWatchdogAndRetried() throws Exception {
        storage = new ScriptedStorage((n, out) -> {
            if (n == 1) {
                ScriptedStorage.stallAfter(out, BODY, 1000);
            } else {
                ScriptedStorage.ok(out, BODY);
            }
        });
        Path ws = workspace();

        run(ws, order("game.apk", BODY.length, TransferSettings.defaults().withStallTimeout(Duration.ofSeconds(1))));

        assertThat(Files.readAllBytes(ws.resolve("buildstash-release/android/game.apk"))).isEqualTo(BODY);
        assertThat(log).anyMatch(l -> l.contains("Storage sent nothing for buildstash-release/android/game.apk for 1 s"));
        assertThat(downloadThreadsAlive()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's interrupt ended with the GET").isFalse();
    }

    @Test
    void aGetWhoseAnswerNeverComesIsCutByTheWatchdogAndRetried() throws Exception {
        storage = new ScriptedStorage((n, out) -> {
            if (n == 1) {
                Thread.sleep(Long.MAX_VALUE);
            } else {
                ScriptedStorage.ok(out, BODY);
            }
        });
        Path ws = workspace();
        long start = System.nanoTime();

        run(ws, order("game.apk", BODY.length, TransferSettings.defaults().withStallTimeout(Duration.ofSeconds(1))));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(Files.readAllBytes(ws.resolve("buildstash-release/android/game.apk"))).isEqualTo(BODY);
        assertThat(storage.connections()).isEqualTo(2);
        assertThat(log).anyMatch(l -> l.startsWith("Retrying GET buildstash-release/android/game.apk")
                && l.contains("Storage sent nothing for buildstash-release/android/game.apk for 1 s"));
        // The watchdog cut the first GET by interrupting this thread: the interrupt must end with that GET, or the
        // retry would fail as if the build had been stopped.
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(downloadThreadsAlive()).isFalse();
    }

    @Test
    void aGetStartsNoThreadOfItsOwn() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();
        HttpClient http = HttpClients.forStorage(null, Duration.ofSeconds(5));
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1);
        try {
            StorageGet get = new StorageGet(http, watchdog, Duration.ofSeconds(30));
            get.fetch(storage.url("warm.apk"), ws.resolve("warm.apk.part"), BODY.length, "warm.apk", n -> {});
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();
            int gets = 20;
            for (int i = 0; i < gets; i++) {
                Path part = ws.resolve("game-" + i + ".apk.part");
                assertThat(get.fetch(storage.url("game.apk"), part, BODY.length, "game.apk", n -> {}))
                        .isEqualTo(BODY.length);
                assertThat(Files.readAllBytes(part)).isEqualTo(BODY);
            }
            // sendAsync completed each exchange through the JVM's async pool, which on 2 CPUs starts a thread per task:
            // 20 or more here. What may start is the storage script's own threads and a shared client worker.
            assertThat(threads.getTotalStartedThreadCount() - before).as("threads started by %d GETs", gets)
                    .isLessThan(gets / 2);
        } finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void moreBytesThanAnnouncedAreRefusedWithoutRetryingAndNothingIsLeft() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.unannounced(out, BODY));
        Path ws = workspace();

        assertThatThrownBy(() -> run(ws, order("game.apk", 1000, TransferSettings.defaults())))
                .isInstanceOf(StorageException.class)
                .hasMessage("Storage sent more than the 1000 bytes Buildstash announced for"
                        + " buildstash-release/android/game.apk: the stored file is not the one Buildstash describes,"
                        + " and fetching it again cannot change that. Tell Buildstash about this build");
        assertThat(storage.connections()).isEqualTo(1);
        assertThat(filesUnder(ws)).isEmpty();
    }

    @Test
    void aLengthOtherThanTheAnnouncedSizeIsNotWrittenAndNotFetchedAgain() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();

        assertThatThrownBy(() -> run(ws, order("game.apk", BODY.length + 1, TransferSettings.defaults())))
                .isInstanceOf(StorageException.class)
                .hasMessage("Storage announced 300000 bytes for buildstash-release/android/game.apk, but"
                        + " Buildstash said the file has 300001: the stored file is not the one Buildstash describes, and"
                        + " fetching it again cannot change that. Tell Buildstash about this build");
        assertThat(storage.connections()).isEqualTo(1);
        assertThat(filesUnder(ws)).isEmpty();
    }

    @Test
    void anExpiredUrlIsReportedAsSuchWithoutRetrying() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.status(out, 403,
                "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"));
        Path ws = workspace();

        assertThatThrownBy(() -> run(ws, order("game.apk", BODY.length, TransferSettings.defaults())))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.urlExpired()).isTrue())
                .hasMessage("Storage refused buildstash-release/android/game.apk (HTTP 403 AccessDenied: Request has"
                        + " expired): the temporary URL expired");
        assertThat(storage.connections()).isEqualTo(1);
    }

    @Test
    void aMissingObjectIsNotRetried() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.status(out, 404,
                "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"));
        Path ws = workspace();

        assertThatThrownBy(() -> run(ws, order("game.apk", BODY.length, TransferSettings.defaults())))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.urlExpired()).isFalse())
                .hasMessageContaining("HTTP 404 NoSuchKey");
        assertThat(storage.connections()).isEqualTo(1);
    }

    @Test
    void anInterruptDuringTheBodyLeavesNoThreadAndNoPartFile() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.stallAfter(out, BODY, 100_000));
        Path ws = workspace();
        Path part = ws.resolve("buildstash-release/android/game.apk.part");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread download = new Thread(() -> {
            try {
                run(ws, order("game.apk", BODY.length, TransferSettings.defaults()));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "test-download");
        download.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(part) && Files.size(part) >= 100_000) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(part).as("the download is under way").exists();

        download.interrupt();
        download.join(10_000);

        assertThat(download.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(filesUnder(ws)).as("no .part, no file").isEmpty();
        assertThat(downloadThreadsAlive()).isFalse();
    }

    @Test
    void anInterruptWhileWaitingForTheAnswerEndsTheDownloadToo() throws Exception {
        storage = new ScriptedStorage((n, out) -> Thread.sleep(Long.MAX_VALUE));
        Path ws = workspace();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread download = new Thread(() -> {
            try {
                run(ws, order("game.apk", BODY.length, TransferSettings.defaults()));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "test-download");
        download.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (storage.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        download.interrupt();
        download.join(10_000);

        assertThat(download.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(filesUnder(ws)).isEmpty();
        assertThat(downloadThreadsAlive()).isFalse();
    }

    @Test
    void aLinkLeftAtThePartNameIsReplacedNotWrittenThrough() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep me");
        Path platformDir = Files.createDirectories(ws.resolve("buildstash-release/android"));
        Files.createSymbolicLink(platformDir.resolve("game.apk.part"), outside);
        Files.createSymbolicLink(platformDir.resolve("game.apk"), outside);

        run(ws, order("game.apk", BODY.length, TransferSettings.defaults()));

        assertThat(Files.readString(outside)).isEqualTo("keep me");
        assertThat(Files.isSymbolicLink(platformDir.resolve("game.apk"))).isFalse();
        assertThat(Files.readAllBytes(platformDir.resolve("game.apk"))).isEqualTo(BODY);
        assertThat(platformDir.resolve("game.apk.part")).doesNotExist();
    }

    @Test
    void anEarlierFileOfTheSameNameIsReplaced() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();
        Path old = Files.createDirectories(ws.resolve("buildstash-release/android")).resolve("game.apk");
        Files.writeString(old, "an older download");

        run(ws, order("game.apk", BODY.length, TransferSettings.defaults()));

        assertThat(Files.readAllBytes(old)).isEqualTo(BODY);
    }

    @Test
    void theFileSideRefusesNamesThatWouldLeaveTheFolderBeforeWritingAnything() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();
        for (String name : List.of("../x", "/etc/passwd", "a\\b", "..")) {
            assertThatThrownBy(() -> run(ws, order(name, BODY.length, TransferSettings.defaults())))
                    .as(name)
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageStartingWith("Refused the file name '" + name + "' of build 'b1' (android)");
        }
        assertThat(storage.connections()).isZero();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> !p.equals(dir) && !p.equals(ws)).toList()).isEmpty();
        }
    }

    @Test
    void aTargetFolderThatIsALinkOutOfTheWorkspaceIsRefused() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(ws.resolve("out"), outside);
        DownloadOrder order = new DownloadOrder("b1", "android", "out/release",
                List.of(new DownloadFile("primary", "game.apk", BODY.length, storage.url("game.apk"))),
                TransferSettings.defaults());

        assertThatThrownBy(() -> run(ws, order))
                .isInstanceOf(ReleaseException.class)
                .hasMessage("Refused to write into out: it is a symbolic link to " + outside.toRealPath()
                        + " outside the workspace, and files are only written inside the workspace");
        assertThat(filesUnder(outside)).isEmpty();
        try (Stream<Path> entries = Files.list(outside)) {
            assertThat(entries.toList()).isEmpty();
        }
        assertThat(storage.connections()).isZero();
    }

    @Test
    void aLinkInsideTheWorkspaceIsFollowed() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();
        Path real = Files.createDirectories(ws.resolve("artifacts"));
        Files.createSymbolicLink(ws.resolve("out"), real);
        DownloadOrder order = new DownloadOrder("b1", "android", "out",
                List.of(new DownloadFile("primary", "game.apk", BODY.length, storage.url("game.apk"))),
                TransferSettings.defaults());

        DownloadReceipt receipt = run(ws, order);

        assertThat(receipt.files().get(0).path()).isEqualTo("out/android/game.apk");
        assertThat(Files.readAllBytes(real.resolve("android/game.apk"))).isEqualTo(BODY);
    }

    @Test
    void aWorkspaceThatCannotBeWrittenIsReportedWithThePathAndNoRetry() throws Exception {
        storage = new ScriptedStorage((n, out) -> ScriptedStorage.ok(out, BODY));
        Path ws = workspace();
        // A non-empty folder where the .part file must go: it can be neither replaced nor written.
        Files.createDirectories(ws.resolve("buildstash-release/android/game.apk.part/in-the-way"));

        assertThatThrownBy(() -> run(ws, order("game.apk", BODY.length, TransferSettings.defaults())))
                .isInstanceOf(ReleaseException.class)
                .hasMessageStartingWith("Could not write the files of build 'b1' into the workspace " + ws)
                .hasMessageContaining("game.apk.part");
        assertThat(storage.connections()).isZero();
    }
}
