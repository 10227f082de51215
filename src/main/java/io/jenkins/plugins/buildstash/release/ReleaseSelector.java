package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.ListQuery;
import io.jenkins.plugins.buildstash.api.Paginated;
import io.jenkins.plugins.buildstash.api.model.Application;
import io.jenkins.plugins.buildstash.api.model.Page;
import io.jenkins.plugins.buildstash.api.model.Release;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the one release a {@link ReleaseSelection} names, on the key side, and reads it in full. Every way of not
 * finding exactly one is a {@link ReleaseException} that says what exists instead.
 *
 * <p>By version: Buildstash's {@code search} narrows the list (all its pages are read), then only exact matches count:
 * on {@code version} first, and on {@code version_short} only when no {@code version} matches, so that {@code 2.3.0}
 * picks release 2.3.0 even when 2.3.0-rc.1 exists. The API does not document which fields {@code search} looks at, so
 * when it finds no exact match every release is listed before giving up.
 */
public final class ReleaseSelector {

    /** How many existing versions a "no such version" message lists. */
    static final int LISTED_VERSIONS = 5;
    /** How many applications or candidates a message lists before counting the rest. */
    static final int LISTED = 10;

    private final BuildstashClient client;
    private final Consumer<String> log;

    public ReleaseSelector(BuildstashClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    public SelectedRelease select(ReleaseSelection selection) throws IOException, InterruptedException {
        List<String> problems = selection.problems();
        if (!problems.isEmpty()) {
            throw new ReleaseException(String.join("; ", problems));
        }
        String applicationId = selection.applicationId();
        String applicationName = null;
        if (applicationId == null) {
            Application only = onlyApplication();
            applicationId = only.id();
            applicationName = only.name();
            log.accept("Using the application '" + only.name() + "' (" + only.id()
                    + "), the only one the API key reaches");
        }
        SelectedRelease where = new SelectedRelease(applicationId, applicationName, null);
        String releaseId;
        if (selection.releaseId() != null) {
            releaseId = selection.releaseId();
        } else if (selection.version() != null) {
            releaseId = byVersion(where, selection.version()).id();
        } else {
            releaseId = newest(where, selection).id();
        }
        Release release = client.getRelease(applicationId, releaseId);
        return new SelectedRelease(applicationId, applicationName, release);
    }

    /** The application when none is named: an application key sees only its own; anything else must be chosen. */
    private Application onlyApplication() throws IOException, InterruptedException {
        List<Application> apps = new ArrayList<>();
        try {
            Iterator<Application> all = client.listApplications(ListQuery.defaults().perPage(ListQuery.MAX_PER_PAGE))
                    .iterator();
            while (drain(all) && apps.size() <= LISTED) {
                apps.add(all.next());
            }
        } catch (BuildstashException e) {
            if (e.status() == 403) {
                throw new ReleaseException("Set applicationId: the API key may not list applications, so the"
                        + " application cannot be found for it (" + e.getMessage() + ")");
            }
            throw e;
        }
        if (apps.size() == 1) {
            return apps.get(0);
        }
        if (apps.isEmpty()) {
            throw new ReleaseException("Set applicationId: the API key reaches no application");
        }
        StringBuilder choices = new StringBuilder();
        for (Application app : apps.subList(0, Math.min(LISTED, apps.size()))) {
            choices.append(choices.length() == 0 ? "" : ", ").append(app.name()).append(" (").append(app.id()).append(')');
        }
        throw new ReleaseException("Set applicationId: the API key reaches "
                + (apps.size() > LISTED ? "more than " + LISTED : apps.size()) + " applications: " + choices
                + (apps.size() > LISTED ? ", …" : ""));
    }

    private Release byVersion(SelectedRelease where, String version) throws IOException, InterruptedException {
        ListQuery newestFirst = ListQuery.defaults().perPage(ListQuery.MAX_PER_PAGE).sortBy("created_at").descending();
        List<Release> found = all(client.listReleases(where.applicationId(), newestFirst.search(version)));
        List<Release> matches = exact(found, version);
        List<Release> everything = null;
        if (matches.isEmpty()) {
            // Buildstash does not say what "search" looks at: before saying there is no such version, look at all.
            everything = all(client.listReleases(where.applicationId(), newestFirst));
            matches = exact(everything, version);
            if (!matches.isEmpty()) {
                log.accept("Buildstash's search did not find version " + version + "; found it by listing every release");
            }
        }
        if (matches.size() == 1) {
            Release release = matches.get(0);
            log.accept("Version " + version + " is release " + release.id() + " (" + release.version()
                    + (release.title() == null ? "" : ", '" + release.title() + "'") + ")");
            return release;
        }
        if (matches.isEmpty()) {
            throw new ReleaseException("No release of application " + where.application() + " has the version '"
                    + version + "'" + existing(everything) + ". Check the version, or select the release by"
                    + " releaseId");
        }
        StringBuilder candidates = new StringBuilder();
        for (Release r : matches.subList(0, Math.min(LISTED, matches.size()))) {
            candidates.append("\n  ").append(r.id()).append(": ").append(r.version())
                    .append(r.title() == null ? "" : " '" + r.title() + "'")
                    .append(r.createdAt() == null ? "" : ", created " + r.createdAt());
        }
        throw new ReleaseException(matches.size() + " releases of application " + where.application()
                + " match the version '" + version + "':" + candidates
                + (matches.size() > LISTED ? "\n  …" : "")
                + "\nSelect one of them by releaseId");
    }

    /** Exact matches on {@code version}, else on {@code version_short}. */
    private static List<Release> exact(List<Release> releases, String version) {
        List<Release> full = releases.stream().filter(r -> version.equals(r.version())).toList();
        return !full.isEmpty() ? full : releases.stream().filter(r -> version.equals(r.versionShort())).toList();
    }

    private static String existing(List<Release> newestFirst) {
        if (newestFirst.isEmpty()) {
            return ": it has no releases yet (releases are created in the Buildstash web app; the API cannot create"
                    + " them)";
        }
        List<String> versions = new ArrayList<>();
        for (Release r : newestFirst) {
            if (r.version() != null && !versions.contains(r.version())) {
                versions.add(r.version());
            }
            if (versions.size() == LISTED_VERSIONS) {
                break;
            }
        }
        return "; the newest it has: " + String.join(", ", versions);
    }

    private Release newest(SelectedRelease where, ReleaseSelection selection) throws IOException, InterruptedException {
        ListQuery query = ListQuery.defaults()
                .perPage(1)
                .sortBy("created_at")
                .descending()
                .filter("labels", selection.labels())
                .filter("platforms", selection.platforms());
        Page<Release> first = client.listReleases(where.applicationId(), query).firstPage();
        if (first.data().isEmpty()) {
            if (selection.labels().isEmpty() && selection.platforms().isEmpty()) {
                throw new ReleaseException("Application " + where.application() + " has no releases yet: releases"
                        + " are created in the Buildstash web app (the API cannot create them)");
            }
            throw new ReleaseException("No release of application " + where.application() + selection.filters()
                    + ". Check the label names and platform identifiers, or select the release by version or"
                    + " releaseId");
        }
        Release release = first.data().get(0);
        log.accept("The newest release" + selection.filters() + " is " + release.version()
                + (release.title() == null ? "" : " '" + release.title() + "'") + " (" + release.id() + ")");
        return release;
    }

    /** Every item of a list, every page read; failures and interrupts come out as they went in. */
    private static <T> List<T> all(Paginated<T> list) throws IOException, InterruptedException {
        List<T> items = new ArrayList<>();
        Iterator<T> it = list.iterator();
        while (drain(it)) {
            items.add(it.next());
        }
        return items;
    }

    /** {@code hasNext()}, with the page fetch's checked failure unwrapped. */
    private static boolean drain(Iterator<?> it) throws IOException, InterruptedException {
        try {
            return it.hasNext();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof InterruptedIOException && Thread.interrupted()) {
                throw new InterruptedException("interrupted while listing");
            }
            throw e.getCause();
        }
    }
}
