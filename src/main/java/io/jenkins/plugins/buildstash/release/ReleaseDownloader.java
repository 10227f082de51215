package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.model.Build;
import io.jenkins.plugins.buildstash.api.model.BuildDownload;
import io.jenkins.plugins.buildstash.api.model.DownloadLink;
import io.jenkins.plugins.buildstash.api.model.Release;
import io.jenkins.plugins.buildstash.upload.Sizes;
import io.jenkins.plugins.buildstash.upload.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The key side of a release download. For each build it asks Buildstash for temporary URLs just before that build's
 * files are fetched (their lifetime is not documented), paced by a {@link Pacer} and under the client's retry policy
 * (429 waited out as {@code Retry-After} says), then hands them to the {@link DownloadSide}. Names and the layout are
 * checked for every build before the first byte is written, and again with the names the download route returns.
 */
public final class ReleaseDownloader {

    private final BuildstashClient client;
    private final DownloadSide side;
    private final Pacer pacer;
    private final Consumer<String> log;

    public ReleaseDownloader(BuildstashClient client, DownloadSide side, Pacer pacer, Consumer<String> log) {
        this.client = client;
        this.side = side;
        this.pacer = pacer;
        this.log = log;
    }

    public List<DownloadedFile> download(SelectedRelease selected, DownloadPlan plan)
            throws IOException, InterruptedException {
        Release release = selected.release();
        String folder = TargetLayout.folder(plan.targetFolder());
        List<Build> builds = chosen(release, plan.platforms());
        Map<String, String> claimed = new LinkedHashMap<>();
        for (Build build : builds) {
            List<String> names = new ArrayList<>();
            if (build.primaryFile() != null) {
                names.add(build.primaryFile().filename());
            }
            if (build.expansionFiles() != null) {
                build.expansionFiles().forEach(f -> names.add(f.filename()));
            }
            claim(claimed, folder, build, names);
        }
        log.accept("Downloading " + builds.size() + (builds.size() == 1 ? " build" : " builds") + " of release "
                + release.version() + " into " + (folder.isEmpty() ? "the workspace" : folder + "/")
                + (pacer.interval().isZero() ? "" : ", one download request every " + pacer.interval().toSeconds()
                        + " s (Buildstash allows 30 a minute per application)"));
        // The download route's names are what is written: checked again, across the builds fetched so far.
        Map<String, String> written = new LinkedHashMap<>();
        List<DownloadedFile> files = new ArrayList<>();
        for (Build build : builds) {
            DownloadReceipt receipt;
            try {
                receipt = side.fetch(order(selected, build, folder, plan, written));
            } catch (StorageException e) {
                if (!e.urlExpired()) {
                    throw e;
                }
                // Once per build: URLs that expire again at once point at a clock or storage problem, not at us.
                log.accept("The temporary URLs of build " + build.id() + " expired; asking Buildstash for new ones");
                receipt = side.fetch(order(selected, build, folder, plan, written));
            }
            files.addAll(receipt.files());
        }
        long bytes = files.stream().mapToLong(DownloadedFile::size).sum();
        log.accept("Downloaded " + files.size() + (files.size() == 1 ? " file" : " files") + " (" + Sizes.bytes(bytes)
                + ") of release " + release.version());
        return files;
    }

    /** The builds to download: all, or those on the platforms asked for, each of which must have one. */
    private static List<Build> chosen(Release release, List<String> platforms) throws ReleaseException {
        List<Build> all = release.builds() == null ? List.of() : release.builds();
        if (all.isEmpty()) {
            throw new ReleaseException("Release " + release.version() + " (" + release.id() + ") has no builds to"
                    + " download");
        }
        if (platforms.isEmpty()) {
            return all;
        }
        Set<String> wanted = new LinkedHashSet<>();
        platforms.forEach(p -> wanted.add(p.toLowerCase(Locale.ROOT)));
        Set<String> present = new LinkedHashSet<>();
        all.forEach(b -> present.add(platformOf(b)));
        List<String> missing = wanted.stream().filter(p -> !present.contains(p)).toList();
        if (!missing.isEmpty()) {
            throw new ReleaseException("Release " + release.version() + " has no build on " + String.join(", ", missing)
                    + ": downloadPlatforms can name " + String.join(", ", present));
        }
        return all.stream().filter(b -> wanted.contains(platformOf(b))).toList();
    }

    /** Asks for the build's temporary URLs and turns them into an order, checking the names they carry. */
    private DownloadOrder order(SelectedRelease selected, Build build, String folder, DownloadPlan plan,
            Map<String, String> claimed) throws IOException, InterruptedException {
        pacer.await();
        BuildDownload links = client.getBuildDownload(selected.applicationId(), build.id());
        List<DownloadFile> files = new ArrayList<>();
        add(files, "primary", links.primaryFile());
        if (links.expansionFiles() != null) {
            links.expansionFiles().forEach(l -> add(files, "expansion", l));
        }
        add(files, "universalApk", links.universalApk());
        if (files.isEmpty()) {
            throw new ReleaseException("Buildstash returned no file to download for build " + build.id() + " ("
                    + platformOf(build) + " " + build.version() + ")");
        }
        claim(claimed, folder, build, files.stream().map(DownloadFile::name).toList());
        return new DownloadOrder(build.id(), platformOf(build), folder, files, plan.settings());
    }

    private static void add(List<DownloadFile> files, String role, DownloadLink link) {
        if (link != null && link.tempUrl() != null) {
            files.add(new DownloadFile(role, link.filename(), link.sizeBytes() == null ? -1 : link.sizeBytes(),
                    link.tempUrl()));
        }
    }

    /**
     * Checks the build's names and records where they go. Two files at one path, or a file at the name another one is
     * downloaded under until it is complete ({@code .part}), are refused.
     */
    private static void claim(Map<String, String> claimed, String folder, Build build, List<String> names)
            throws ReleaseException {
        String owner = describe(build);
        String platform = TargetLayout.checkName(platformOf(build), "platform name", owner);
        Set<String> mine = new LinkedHashSet<>();
        for (String name : names) {
            TargetLayout.checkName(name, "file name", owner);
            String path = TargetLayout.relative(folder, platform, name);
            if (!mine.add(path)) {
                throw new ReleaseException("Build '" + build.id() + "' has two files named '" + name + "': they cannot"
                        + " both be written to " + path);
            }
            String other = claimed.get(path);
            if (other != null && !other.equals(build.id())) {
                throw new ReleaseException("Two files of the release would be written to " + path + ": '" + name
                        + "' of " + owner + " and the file of that name of build '" + other + "'. Download them"
                        + " separately: one platform per step with downloadPlatforms, each into its own targetFolder");
            }
        }
        for (String path : mine) {
            String partner = path.endsWith(".part") ? path.substring(0, path.length() - ".part".length()) : path + ".part";
            if (mine.contains(partner) || claimed.containsKey(partner)) {
                throw new ReleaseException("Cannot download both " + partner + " and " + path + " of the release: "
                        + (path.endsWith(".part") ? path : partner) + " is the name the other file is downloaded under"
                        + " until it is complete. Download them separately, each into its own targetFolder");
            }
        }
        mine.forEach(path -> claimed.put(path, build.id()));
    }

    static String platformOf(Build build) {
        return build.platform() == null || build.platform().identifier() == null
                ? "unknown"
                : build.platform().identifier().toLowerCase(Locale.ROOT);
    }

    static String describe(Build build) {
        return "build '" + build.id() + "' (" + TargetLayout.printable(platformOf(build))
                + (build.version() == null ? "" : " " + build.version())
                + (build.stream() == null || build.stream().name() == null ? "" : ", stream " + build.stream().name())
                + ")";
    }
}
