package io.jenkins.plugins.buildstash.ci;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kinds of repository host we recognise from a host name, with Buildstash's {@code vc_host} value and how the
 * host's web pages show a commit. Recognition is deliberately conservative: a host we cannot name is
 * {@link #UNKNOWN}, never a guess (the official plugin reported everything as GitHub, defect V1).
 */
enum Forge {
    GITHUB("github", "/commit/"),
    GITLAB("gitlab", "/-/commit/"),
    GITLAB_SELF("gitlab-self", "/-/commit/"),
    BITBUCKET("bitbucket", "/commits/"),
    /** Bitbucket Server / Data Center: web pages live under {@code /projects/KEY/repos/name}. */
    BITBUCKET_SERVER("bitbucket", "/commits/"),
    AZURE_REPOS("azure-repos", "/commit/"),
    GITEA("gitea", "/commit/"),
    FORGEJO("forgejo", "/commit/"),
    CODEBERG("codeberg", "/commit/"),
    GOGS("gogs", "/commit/"),
    GITEE("gitee", "/commit/"),
    SOURCEHUT("sourcehut", "/commit/"),
    SOURCEFORGE("sourceforge", null),
    LAUNCHPAD("launchpad", null),
    AWS_CODECOMMIT("aws-codecommit", null),
    PAGURE("pagure", null),
    BEANSTALK("beanstalk", null),
    ASSEMBLA("assembla", null),
    CODEBASE("codebase", null),
    SAVANNAH_GNU("savanah-gnu", null),
    SAVANNAH_NON_GNU("savanah-non-gnu", null),
    RIOUXSVN("riouxsvn", null),
    SLIKSVN("sliksvn", null),
    PROJECT_LOCKER("project-locker", null),
    UNKNOWN(null, null);

    private static final Pattern CODECOMMIT = Pattern.compile("git-codecommit(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");

    /** Buildstash's {@code vc_host} value, or null. Spelled as Buildstash spells it ({@code savanah}). */
    final String vcHost;

    /** What goes between the repository's web URL and a commit id, or null when we do not know the scheme. */
    final String commitPath;

    Forge(String vcHost, String commitPath) {
        this.vcHost = vcHost;
        this.commitPath = commitPath;
    }

    static Forge of(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        // Public services first, by domain: a name match below could misfile them.
        if (is(h, "github.com") || is(h, "ghe.com")) {
            return GITHUB;
        }
        if (is(h, "gitlab.com")) {
            return GITLAB;
        }
        if (is(h, "bitbucket.org")) {
            return BITBUCKET;
        }
        if (is(h, "dev.azure.com") || is(h, "visualstudio.com")) {
            return AZURE_REPOS;
        }
        if (is(h, "codeberg.org")) {
            return CODEBERG;
        }
        if (is(h, "gitea.com")) {
            return GITEA;
        }
        if (is(h, "gitee.com")) {
            return GITEE;
        }
        if (is(h, "sr.ht")) {
            return SOURCEHUT;
        }
        // SourceForge is .net (the official plugin looked for .com, defect V6); sf.net serves its git and svn.
        if (is(h, "sourceforge.net") || is(h, "sf.net")) {
            return SOURCEFORGE;
        }
        if (is(h, "launchpad.net")) {
            return LAUNCHPAD;
        }
        if (CODECOMMIT.matcher(h).matches()) {
            return AWS_CODECOMMIT;
        }
        if (is(h, "pagure.io")) {
            return PAGURE;
        }
        if (is(h, "beanstalkapp.com")) {
            return BEANSTALK;
        }
        if (is(h, "assembla.com")) {
            return ASSEMBLA;
        }
        if (is(h, "codebasehq.com")) {
            return CODEBASE;
        }
        if (is(h, "savannah.gnu.org")) {
            return SAVANNAH_GNU;
        }
        if (is(h, "savannah.nongnu.org")) {
            return SAVANNAH_NON_GNU;
        }
        if (is(h, "riouxsvn.com")) {
            return RIOUXSVN;
        }
        if (is(h, "sliksvn.com")) {
            return SLIKSVN;
        }
        if (is(h, "projectlocker.com")) {
            return PROJECT_LOCKER;
        }
        // Self-hosted products are usually reached under their product's name (gitlab.acme.com, github.acme.com for
        // GitHub Enterprise Server, bitbucket.acme.com for Bitbucket Data Center); other names stay unknown.
        if (labelContains(h, "gitlab")) {
            return GITLAB_SELF;
        }
        if (labelContains(h, "github")) {
            return GITHUB;
        }
        if (labelContains(h, "bitbucket")) {
            return BITBUCKET_SERVER;
        }
        if (labelContains(h, "forgejo")) {
            return FORGEJO;
        }
        if (labelContains(h, "gitea")) {
            return GITEA;
        }
        if (labelContains(h, "gogs")) {
            return GOGS;
        }
        return UNKNOWN;
    }

    /** The host is {@code domain} or one of its subdomains (not merely a name that ends the same way). */
    private static boolean is(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    /** A label other than the top-level domain contains the word, e.g. {@code gitlab} in {@code gitlab.acme.com}. */
    private static boolean labelContains(String host, String word) {
        int lastDot = host.lastIndexOf('.');
        return lastDot > 0 && host.substring(0, lastDot).contains(word);
    }
}
