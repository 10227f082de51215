package io.jenkins.plugins.buildstash.ci;

import io.jenkins.plugins.buildstash.api.Vocabulary;
import io.jenkins.plugins.buildstash.upload.CiInfo;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import io.jenkins.plugins.buildstash.upload.VcsInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells Buildstash which CI run and which source revision produced a build, from plain values the Jenkins layer reads
 * off the run: its full name, number and URL, and its environment ({@code GIT_*}, {@code SVN_*}, {@code BRANCH_NAME},
 * {@code CHANGE_*}, as the Git, Subversion and branch-source plugins set them).
 *
 * <p>Everything here is optional metadata: a value that cannot be told reliably is left null rather than guessed, and
 * nothing is ever taken from a remote's credentials.
 */
public final class CiDetector {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

    /** {@code scheme://authority/path}, query and fragment dropped; for Subversion URLs. */
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*@)?([^/?#]+)([^?#]*).*");

    private static final Pattern HOST_AND_PORT = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?");

    private static final List<String> SVN_SCHEMES = List.of("http", "https", "svn", "svn+ssh");

    private CiDetector() {}

    /**
     * The CI run.
     *
     * @param jobFullName the job's full name, folders included ({@code team/app/main}), not its display name
     * @param buildNumber the run's number
     * @param rootUrl Jenkins' root URL, or null when it is not configured
     * @param runUrl the run's URL relative to the root, like {@code job/a/job/b/12/}
     * @param durationMillis how long the run has taken so far
     */
    public static CiInfo ci(String jobFullName, String buildNumber, String rootUrl, String runUrl, long durationMillis) {
        return new CiInfo(TextInputs.blankToNull(jobFullName), TextInputs.blankToNull(buildNumber), runUrl(rootUrl, runUrl),
                duration(durationMillis));
    }

    /**
     * The run's absolute URL, or null without a usable root URL: an unset root must not give {@code nulljob/...}
     * (defect V7), and a relative link is useless outside Jenkins.
     */
    static String runUrl(String rootUrl, String runUrl) {
        if (rootUrl == null || runUrl == null || runUrl.isBlank()) {
            return null;
        }
        String root = rootUrl.strip();
        String lower = root.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            return null;
        }
        return root.replaceAll("/+$", "") + "/" + runUrl.strip().replaceAll("^/+", "");
    }

    /** {@code HH:mm:ss}, hours growing past 24 rather than wrapping; null for a negative duration. */
    static String duration(long millis) {
        if (millis < 0) {
            return null;
        }
        long seconds = millis / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /**
     * The source revision, from the run's environment; {@link VcsInfo#NONE} when it tells nothing. Git wins over
     * Subversion when both are present.
     */
    public static VcsInfo vcs(Map<String, String> env) {
        if (present(env, "GIT_COMMIT") || present(env, "GIT_URL") || present(env, "GIT_URL_1")) {
            return git(env);
        }
        if (present(env, "SVN_URL") || present(env, "SVN_URL_1")) {
            return svn(env);
        }
        String branch = firstPresent(env, "CHANGE_BRANCH", "BRANCH_NAME");
        return branch == null ? VcsInfo.NONE : new VcsInfo(null, null, null, null, branch, null, null);
    }

    private static VcsInfo git(Map<String, String> env) {
        String rawCommit = firstPresent(env, "GIT_COMMIT");
        String commit = rawCommit != null && SHA.matcher(rawCommit).matches() ? rawCommit.toLowerCase(Locale.ROOT) : null;
        String branch = firstPresent(env, "CHANGE_BRANCH", "BRANCH_NAME", "GIT_LOCAL_BRANCH");
        if (branch == null) {
            branch = branchOfRemoteRef(firstPresent(env, "GIT_BRANCH"));
        }
        Optional<RepositoryUrl> repo = RepositoryUrl.parse(firstPresent(env, "GIT_URL", "GIT_URL_1"));
        return new VcsInfo(
                "git",
                repo.map(RepositoryUrl::buildstashHost).filter(Vocabulary.VC_HOSTS::contains).orElse(null),
                repo.map(RepositoryUrl::name).orElse(null),
                repo.map(RepositoryUrl::httpsUrl).orElse(null),
                branch,
                commit,
                repo.map(r -> r.commitUrl(commit)).orElse(null));
    }

    /**
     * The branch in the Git plugin's {@code GIT_BRANCH}, which it documents as the remote's name, a slash and the
     * branch ({@code origin/feature/x}); full refs are handled too. Null for a tag or a detached head.
     */
    static String branchOfRemoteRef(String ref) {
        if (ref == null) {
            return null;
        }
        String branch;
        if (ref.startsWith("refs/heads/")) {
            branch = ref.substring("refs/heads/".length());
        } else if (ref.startsWith("refs/remotes/") || ref.startsWith("remotes/")) {
            String remoteAndBranch = ref.substring(ref.indexOf("remotes/") + "remotes/".length());
            int slash = remoteAndBranch.indexOf('/');
            branch = slash < 0 ? "" : remoteAndBranch.substring(slash + 1);
        } else if (ref.startsWith("refs/")) {
            return null; // refs/tags/..., refs/pull/...: not a branch
        } else {
            branch = ref.substring(ref.indexOf('/') + 1); // no slash: indexOf is -1 and the whole name stays
        }
        return branch.isEmpty() || branch.equals("HEAD") || branch.equals("detached") ? null : branch;
    }

    /**
     * Subversion, as the Subversion plugin reports it ({@code SVN_URL}/{@code SVN_REVISION}, or {@code _1} with
     * several locations). The repository name and branch come from the standard {@code trunk}/{@code branches}
     * layout when the URL follows it.
     */
    private static VcsInfo svn(Map<String, String> env) {
        boolean first = present(env, "SVN_URL");
        String revision = firstPresent(env, first ? "SVN_REVISION" : "SVN_REVISION_1");
        SvnLocation location = SvnLocation.parse(firstPresent(env, first ? "SVN_URL" : "SVN_URL_1"));
        String branch = firstPresent(env, "CHANGE_BRANCH", "BRANCH_NAME");
        return new VcsInfo(
                "svn",
                location == null ? null : Optional.ofNullable(Forge.of(location.host).vcHost)
                        .filter(Vocabulary.VC_HOSTS::contains).orElse(null),
                location == null ? null : location.name,
                location == null ? null : location.url,
                branch != null ? branch : location == null ? null : location.branch,
                revision != null && revision.length() <= 40 ? revision : null,
                null);
    }

    /** A Subversion URL without credentials, and what its path says about repository and branch. */
    private record SvnLocation(String url, String host, String name, String branch) {

        static SvnLocation parse(String raw) {
            if (raw == null || raw.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                return null;
            }
            var m = URL.matcher(raw);
            if (!m.matches() || !SVN_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT)) || m.group(4).contains("@")) {
                return null; // file:// and local paths name no shared repository; '@' would be stray credentials
            }
            String hostAndPort = m.group(3).toLowerCase(Locale.ROOT);
            if (!HOST_AND_PORT.matcher(hostAndPort).matches()) {
                return null;
            }
            String path = m.group(4).replaceAll("/+$", "");
            String url = m.group(1).toLowerCase(Locale.ROOT) + "://" + hostAndPort + path;
            String host = hostAndPort.replaceAll(":\\d*$", "");
            List<String> segments = List.of(path.replaceAll("^/+", "").split("/+"));
            for (int i = 0; i < segments.size(); i++) {
                String name = i == 0 ? null : String.join("/", segments.subList(0, i));
                switch (segments.get(i)) {
                    case "trunk":
                        return new SvnLocation(url, host, name, "trunk");
                    case "branches":
                        if (i + 1 < segments.size()) {
                            return new SvnLocation(url, host, name, segments.get(i + 1));
                        }
                        break;
                    case "tags":
                        return new SvnLocation(url, host, name, null);
                    default:
                        break;
                }
            }
            String name = String.join("/", segments);
            return new SvnLocation(url, host, name.isEmpty() ? null : name, null);
        }
    }

    private static boolean present(Map<String, String> env, String name) {
        return TextInputs.blankToNull(env.get(name)) != null;
    }

    private static String firstPresent(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = TextInputs.blankToNull(env.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

}
