package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.HttpClients;
import io.jenkins.plugins.buildstash.api.Retrier;
import io.jenkins.plugins.buildstash.api.RetryBudget;
import io.jenkins.plugins.buildstash.api.RetryPolicy;
import io.jenkins.plugins.buildstash.api.Sleeper;
import io.jenkins.plugins.buildstash.upload.TransferProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.StringJoiner;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The file side of a download: fetches the files of one {@link DownloadOrder} into the workspace, one after another,
 * each streamed to {@code <name>.part}, checked against its announced size and then moved into place in one step, so
 * that a file at its final name is always complete. A failed GET is retried from the start under the storage retry
 * policy. Nothing is written outside the workspace: the target folder may not be absolute, contain {@code ..} or lead
 * through a symbolic link to outside, and each name from Buildstash must be one plain name. On failure or interrupt
 * the {@code .part} file is removed and no thread is left behind.
 */
public final class FileDownload {

    private static final AtomicInteger WATCHDOGS = new AtomicInteger();

    private final Path workspace;
    private final DownloadOrder order;
    private final Consumer<String> log;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /** A download with its own storage HTTP client (honouring the order's proxy) and real time. */
    public FileDownload(Path workspace, DownloadOrder order, Consumer<String> log) {
        this(workspace, order, log,
                HttpClients.forStorage(order.settings().proxy(), order.settings().connectTimeout()),
                Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    public FileDownload(Path workspace, DownloadOrder order, Consumer<String> log, HttpClient http, Sleeper sleeper,
            RandomGenerator random) {
        this.workspace = workspace;
        this.order = order;
        this.log = log;
        this.http = http;
        this.sleeper = sleeper;
        this.random = random;
    }

    public DownloadReceipt run() throws IOException, InterruptedException {
        try {
            return fetchAll();
        } catch (BuildstashException | ReleaseException e) {
            throw e;
        } catch (IOException e) {
            // The workspace could not be written (permissions, a full disk): say where, without a stack trace.
            throw new ReleaseException("Could not write the files of build '" + order.buildId() + "' into the"
                    + " workspace " + workspace + ": " + e, e);
        }
    }

    private DownloadReceipt fetchAll() throws IOException, InterruptedException {
        String owner = "build '" + order.buildId() + "' (" + TargetLayout.printable(order.platform()) + ")";
        // The key side checked all of this already; the side that writes checks again, trusting nothing it is sent.
        String folder = TargetLayout.folder(order.targetFolder());
        String platform = TargetLayout.checkName(order.platform(), "platform name", owner);
        Set<String> names = new HashSet<>();
        for (DownloadFile file : order.files()) {
            TargetLayout.checkName(file.name(), "file name", owner);
            if (!names.add(file.name())) {
                throw new ReleaseException("Build '" + order.buildId() + "' has two files named '" + file.name()
                        + "': they cannot both be written to " + TargetLayout.relative(folder, platform, file.name()));
            }
        }
        for (String name : names) {
            if (names.contains(name + ".part")) {
                throw new ReleaseException("Build '" + order.buildId() + "' has files named '" + name + "' and '" + name
                        + ".part': the second is the name the first is downloaded under until it is complete");
            }
        }
        Path directory = directory(folder, platform);
        ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "buildstash-download-watchdog-" + WATCHDOGS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ticker.setRemoveOnCancelPolicy(true);
        try {
            StorageGet get = new StorageGet(http, ticker, order.settings().stallTimeout());
            RetryBudget budget = RetryBudget.standard();
            List<DownloadedFile> written = new ArrayList<>();
            for (DownloadFile file : order.files()) {
                written.add(fetch(file, folder, platform, directory, get, ticker, budget));
            }
            return new DownloadReceipt(written);
        } finally {
            ticker.shutdownNow();
            if (!ticker.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The download watchdog did not stop within 30 s");
            }
        }
    }

    private DownloadedFile fetch(DownloadFile file, String folder, String platform, Path directory, StorageGet get,
            ScheduledExecutorService ticker, RetryBudget budget) throws IOException, InterruptedException {
        String relative = TargetLayout.relative(folder, platform, file.name());
        Path target = resolve(directory, file.name(), relative);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ReleaseException("Cannot write " + relative + " of build '" + order.buildId() + "': a folder of"
                    + " that name is in the way in the workspace");
        }
        Path part = resolve(directory, file.name() + ".part", relative + ".part");
        TransferProgress progress = new TransferProgress(relative, file.size(), order.settings(), log);
        Retrier retrier = new Retrier(new RetryPolicy(order.settings().retryLimits()), sleeper, random, line -> {
            progress.retried();
            log.accept(line);
        });
        ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
        boolean placed = false;
        try {
            long bytes;
            try {
                bytes = retrier.call(RetryPolicy.CallKind.STORAGE, "GET " + relative, budget, attempt -> {
                    try {
                        return get.fetch(file.url(), part, file.size(), relative, progress::add);
                    } catch (BuildstashException e) {
                        throw e;
                    } catch (IOException e) {
                        // The workspace could not be written: no retry makes the disk better.
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            move(part, target);
            placed = true;
            progress.summary("Downloaded", bytes, null);
            return new DownloadedFile(order.buildId(), platform, file.role(), file.name(), relative, bytes,
                    progress.elapsedMillis(), progress.retries());
        } finally {
            ticks.cancel(false);
            if (!placed) {
                Files.deleteIfExists(part);
            }
        }
    }

    /**
     * The folder for the build's files, created as needed, each step checked: nothing on the way may be a link to
     * outside the workspace, or a file.
     */
    private Path directory(String folder, String platform) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Path rootReal = root.toRealPath();
        List<String> names = new ArrayList<>(folder.isEmpty() ? List.of() : List.of(folder.split("/")));
        names.add(platform);
        Path directory = root;
        StringJoiner walked = new StringJoiner("/");
        String relative = "";
        for (String name : names) {
            relative = walked.add(name).toString();
            directory = resolve(directory, name, relative);
            if (Files.isSymbolicLink(directory)) {
                Path real;
                try {
                    real = directory.toRealPath();
                } catch (IOException e) {
                    throw new ReleaseException("Cannot write into " + relative + ": it is a symbolic link to "
                            + Files.readSymbolicLink(directory) + ", which does not exist");
                }
                if (!real.startsWith(rootReal)) {
                    throw new ReleaseException("Refused to write into " + relative + ": it is a symbolic link to "
                            + real + " outside the workspace, and files are only written inside the workspace");
                }
                if (!Files.isDirectory(real)) {
                    throw new ReleaseException("Cannot write into " + relative + ": it is a link to a file, not a"
                            + " folder");
                }
            } else if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(directory);
                } catch (FileAlreadyExistsException e) {
                    // Made meanwhile (a parallel branch): checked below like any existing folder.
                }
            }
            if (!Files.isDirectory(directory)) {
                throw new ReleaseException("Cannot write into " + relative + ": a file of that name is in the way in"
                        + " the workspace");
            }
        }
        if (!directory.toRealPath().startsWith(rootReal)) {
            throw new ReleaseException("Refused to write into " + relative + ": it leads outside the workspace");
        }
        return directory;
    }

    /** {@code directory/name}, refused unless it is a plain name directly in {@code directory} on this machine. */
    private Path resolve(Path directory, String name, String relative) throws ReleaseException {
        Path path;
        try {
            path = directory.resolve(name);
        } catch (InvalidPathException e) {
            throw new ReleaseException("Refused " + TargetLayout.printable(relative) + " of build '" + order.buildId()
                    + "': '" + TargetLayout.printable(name) + "' is not a valid file name on this machine ("
                    + e.getReason() + ")");
        }
        Path normalised = path.normalize();
        if (!directory.equals(normalised.getParent())) {
            throw new ReleaseException("Refused the name '" + TargetLayout.printable(name) + "' of build '"
                    + order.buildId() + "': it would leave the folder " + TargetLayout.printable(relative));
        }
        return path;
    }

    /** Into place in one step where the file system can; a file at its final name is always complete. */
    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
