package io.jenkins.plugins.buildstash.jenkins.actions;

import hudson.model.Job;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest upload of each job, so that its job page draws the link without loading a single build: written when an
 * upload is recorded, kept in memory, and in a small file in the job's folder (beside core's {@code nextBuildNumber})
 * so that it survives a restart. A render costs a map lookup, and once per job and controller start one file read,
 * whatever the number of builds.
 */
public final class LatestUploads {

    static final String FILE_NAME = "buildstash-latest-upload.properties";

    /** Keyed by the job's folder, which moves with a rename; an empty value means the job has uploaded nothing. */
    private static final Map<String, Optional<Latest>> BY_JOB = new ConcurrentHashMap<>();

    private LatestUploads() {}

    /** What the job page links to: the Buildstash build page of the newest upload. */
    public record Latest(String buildId, String version, String buildInfoUrl) {}

    /** Remembers {@code record} as the job's newest upload, if it has a build page to link to. */
    public static void record(Job<?, ?> job, UploadRecord record) throws IOException {
        if (record.getBuildInfoUrl() == null) {
            return;
        }
        Latest latest = new Latest(record.getBuildId(), record.getVersion(), record.getBuildInfoUrl());
        File dir = job.getRootDir();
        synchronized (LatestUploads.class) {
            write(dir.toPath().resolve(FILE_NAME), latest);
            BY_JOB.put(dir.getAbsolutePath(), Optional.of(latest));
        }
    }

    public static Optional<Latest> of(Job<?, ?> job) {
        File dir = job.getRootDir();
        return BY_JOB.computeIfAbsent(dir.getAbsolutePath(), k -> read(dir.toPath().resolve(FILE_NAME)));
    }

    private static Optional<Latest> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty(); // no link rather than a broken job page
        }
        String url = UploadRecord.httpsOrNull(p.getProperty("buildInfoUrl"));
        return url == null ? Optional.empty()
                : Optional.of(new Latest(p.getProperty("buildId"), p.getProperty("version"), url));
    }

    private static void write(Path file, Latest latest) throws IOException {
        Properties p = new Properties();
        p.setProperty("buildId", String.valueOf(latest.buildId()));
        p.setProperty("version", String.valueOf(latest.version()));
        p.setProperty("buildInfoUrl", latest.buildInfoUrl());
        Path folder = file.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, null); // read back by this class only; the file name says whose it is
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** For tests: forget what is in memory, as a controller restart does. */
    static void forgetAll() {
        BY_JOB.clear();
    }
}
