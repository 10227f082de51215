package io.jenkins.plugins.buildstash.ci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A git remote turned into the repository's web address, the way a person would link to it: SSH, scp-like,
 * {@code git://} and HTTP(S) remotes all become {@code https://host/owner/repo}, without user name, password or token,
 * without {@code .git} and without the SSH port. Remotes that name no web page (local paths, {@code file://}, SSH host
 * aliases, garbage) give no result rather than a wrong one.
 *
 * <p>A remote fetched over plain {@code http} keeps {@code http} and its port: the server evidently serves no HTTPS
 * there, so an {@code https} link would be dead.
 */
public final class RepositoryUrl {

    /** {@code scheme://authority/path}, query and fragment dropped. */
    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*).*");

    /** {@code [user@]host:path}, as git reads it when there is no {@code ://} and no {@code /} before the colon. */
    private static final Pattern SCP = Pattern.compile("(?:[^@/:]+@)?([^@/:]+):([^\\\\]*)");

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** A dotted name under a real top-level domain, or an IPv4 address: what an SSH remote must name to have a web page. */
    private static final Pattern PUBLIC_HOST = Pattern.compile(".+\\.([a-z]{2,63}|xn--[a-z0-9-]+)|\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Set<String> SSH_SCHEMES = Set.of("ssh", "git+ssh", "ssh+git", "git");

    /** SSH endpoints whose web pages live on another host name. */
    private static final Map<String, String> WEB_HOST_OF_SSH_HOST = Map.of(
            "ssh.github.com", "github.com",
            "altssh.gitlab.com", "gitlab.com",
            "altssh.bitbucket.org", "bitbucket.org",
            "ssh.dev.azure.com", "dev.azure.com");

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final String name;
    private final Forge forge;

    private RepositoryUrl(String scheme, String host, int port, String path, String name, Forge forge) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.name = name;
        this.forge = forge;
    }

    /** Parses a git remote as found in {@code GIT_URL}; empty when it names no web page we can tell. */
    public static Optional<RepositoryUrl> parse(String remote) {
        if (remote == null || remote.isBlank()) {
            return Optional.empty();
        }
        String r = remote.strip();
        if (r.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.empty();
        }
        Matcher url = URL.matcher(r);
        if (url.matches()) {
            return fromUrl(url.group(1).toLowerCase(Locale.ROOT), url.group(2), url.group(3));
        }
        Matcher scp = SCP.matcher(r);
        if (scp.matches()) {
            return of("https", scp.group(1), -1, scp.group(2), true);
        }
        return Optional.empty(); // a local path
    }

    private static Optional<RepositoryUrl> fromUrl(String scheme, String authority, String path) {
        boolean ssh = SSH_SCHEMES.contains(scheme);
        if (!ssh && !scheme.equals("https") && !scheme.equals("http")) {
            return Optional.empty(); // file://, ftp://, a remote helper...
        }
        // Credentials live before the last '@' of the authority; they are dropped here and never looked at again.
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostAndPort;
        int port = -1;
        int colon = hostAndPort.lastIndexOf(':');
        if (colon >= 0) {
            host = hostAndPort.substring(0, colon);
            String digits = hostAndPort.substring(colon + 1);
            if (!digits.isEmpty()) {
                if (!digits.matches("\\d{1,5}")) {
                    return Optional.empty();
                }
                port = Integer.parseInt(digits);
            }
        }
        if (ssh) {
            return of("https", host, -1, path, true); // the SSH port says nothing about the web server's
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        return of(scheme, host, port == defaultPort ? -1 : port, path, false);
    }

    private static Optional<RepositoryUrl> of(String scheme, String rawHost, int port, String rawPath, boolean ssh) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches() || ssh && !PUBLIC_HOST.matcher(host).matches()) {
            // Over SSH a dotless or odd name is usually an alias from ~/.ssh/config (github-work:owner/repo).
            return Optional.empty();
        }
        if (ssh) {
            host = WEB_HOST_OF_SSH_HOST.getOrDefault(host, host);
        }
        List<String> segments = new ArrayList<>(Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).toList());
        // An '@' left in the path means user info we could not separate (an unencoded '/' in a token): drop it all.
        if (segments.isEmpty() || rawPath.contains("@")
                || segments.stream().anyMatch(s -> s.equals(".") || s.equals("..") || s.equals("~"))) {
            return Optional.empty();
        }
        int last = segments.size() - 1;
        if (segments.get(last).endsWith(".git")) {
            segments.set(last, segments.get(last).substring(0, segments.get(last).length() - 4));
            if (segments.get(last).isEmpty()) {
                return Optional.empty();
            }
        }
        Forge forge = Forge.of(host);
        RepositoryUrl special = switch (forge) {
            case AZURE_REPOS -> azure(scheme, host, port, segments);
            case BITBUCKET_SERVER -> bitbucketServer(scheme, host, port, segments, ssh);
            case SOURCEFORGE -> sourceforge(host, segments);
            case AWS_CODECOMMIT -> codeCommit(scheme, host, port, segments);
            default -> null;
        };
        return Optional.of(special != null ? special
                : new RepositoryUrl(scheme, host, port, String.join("/", segments), String.join("/", segments), forge));
    }

    /**
     * Azure Repos: {@code dev.azure.com/org/project/_git/repo} over HTTPS, {@code ssh.dev.azure.com:v3/org/project/repo}
     * over SSH; the same with {@code org.visualstudio.com} for older organisations. The name is
     * {@code org/project/repo}: {@code _git} is part of the address, not of the name.
     */
    private static RepositoryUrl azure(String scheme, String host, int port, List<String> s) {
        if (s.size() == 4 && s.get(0).equals("v3")) { // SSH
            String org = s.get(1);
            String webHost = host.endsWith("visualstudio.com") ? org + ".visualstudio.com" : "dev.azure.com";
            String webPath = (webHost.equals("dev.azure.com") ? org + "/" : "") + s.get(2) + "/_git/" + s.get(3);
            return new RepositoryUrl("https", webHost, -1, webPath, org + "/" + s.get(2) + "/" + s.get(3),
                    Forge.AZURE_REPOS);
        }
        int git = s.indexOf("_git");
        if (git < 0 || git != s.size() - 2) {
            return null;
        }
        List<String> name = new ArrayList<>(s);
        name.remove(git);
        name.remove("DefaultCollection");
        if (host.endsWith(".visualstudio.com")) {
            name.add(0, host.substring(0, host.indexOf('.')));
        }
        return new RepositoryUrl(scheme, host, port, String.join("/", s), String.join("/", name), Forge.AZURE_REPOS);
    }

    /**
     * Bitbucket Server / Data Center clones from {@code /scm/key/repo} (HTTP, maybe below a context path) or
     * {@code /key/repo} (SSH), but shows the repository at {@code /projects/KEY/repos/repo} (personal repositories,
     * {@code ~user}, at {@code /users/user/repos/repo}). Over SSH the web server's port and context path are unknown;
     * the defaults are assumed.
     */
    private static RepositoryUrl bitbucketServer(String scheme, String host, int port, List<String> s, boolean ssh) {
        int scm = s.indexOf("scm");
        if (scm < 0 && !ssh) {
            return null;
        }
        List<String> context = scm >= 0 ? s.subList(0, scm) : List.of();
        List<String> rest = scm >= 0 ? s.subList(scm + 1, s.size()) : s;
        if (rest.size() != 2) {
            return null;
        }
        String key = rest.get(0);
        String owner = key.startsWith("~") ? "users/" + key.substring(1) : "projects/" + key.toUpperCase(Locale.ROOT);
        String webPath = (context.isEmpty() ? "" : String.join("/", context) + "/") + owner + "/repos/" + rest.get(1);
        return new RepositoryUrl(scheme, host, port, webPath, key + "/" + rest.get(1), Forge.BITBUCKET_SERVER);
    }

    /** SourceForge serves git at {@code git.code.sf.net/p/project/repo} and its pages at {@code sourceforge.net/p/...}. */
    private static RepositoryUrl sourceforge(String host, List<String> s) {
        if (s.size() != 3 || !s.get(0).equals("p") || !host.endsWith("sf.net")) {
            return null;
        }
        return new RepositoryUrl("https", "sourceforge.net", -1, String.join("/", s), s.get(1) + "/" + s.get(2),
                Forge.SOURCEFORGE);
    }

    /** CodeCommit: {@code /v1/repos/name}; the repository is known by its bare name. */
    private static RepositoryUrl codeCommit(String scheme, String host, int port, List<String> s) {
        if (s.size() != 3 || !s.get(0).equals("v1") || !s.get(1).equals("repos")) {
            return null;
        }
        return new RepositoryUrl(scheme, host, port, String.join("/", s), s.get(2), Forge.AWS_CODECOMMIT);
    }

    /** The repository's web address: {@code https://host[:port]/owner/repo}, no credentials, no {@code .git}. */
    public String httpsUrl() {
        return scheme + "://" + host + (port > 0 ? ":" + port : "") + "/" + path;
    }

    /** The host name of {@link #httpsUrl()}, lower case. */
    public String host() {
        return host;
    }

    /** The repository's full name, e.g. {@code owner/repo} or {@code group/subgroup/repo}, for {@code vc_repo_name}. */
    public String name() {
        return name;
    }

    /** Buildstash's {@code vc_host} value for this host, or null when we cannot tell (never a default). */
    public String buildstashHost() {
        return forge.vcHost;
    }

    /** The web page of a commit on hosts whose scheme we know, else null; null too when {@code sha} is no hex id. */
    public String commitUrl(String sha) {
        if (forge.commitPath == null || sha == null || !SHA.matcher(sha).matches()) {
            return null;
        }
        return httpsUrl() + forge.commitPath + sha.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return httpsUrl();
    }
}
