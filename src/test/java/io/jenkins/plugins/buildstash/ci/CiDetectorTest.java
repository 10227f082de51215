package io.jenkins.plugins.buildstash.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.upload.CiInfo;
import io.jenkins.plugins.buildstash.upload.VcsInfo;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CiDetectorTest {

    private static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

    /** An environment from alternating names and values. */
    private static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }

    // --- CI run ---

    @Test
    void theRunIsNamedByTheJobsFullNameAndNumber() {
        assertThat(CiDetector.ci("mobile/app/main", "42", "https://ci.acme.com/", "job/mobile/job/app/job/main/42/",
                        307_000))
                .isEqualTo(new CiInfo("mobile/app/main", "42", "https://ci.acme.com/job/mobile/job/app/job/main/42/",
                        "00:05:07"));
    }

    @ParameterizedTest(name = "[{0}] + [{1}] -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            https://ci.acme.com/          | job/a/job/b/12/ | https://ci.acme.com/job/a/job/b/12/
            https://ci.acme.com           | job/a/12/       | https://ci.acme.com/job/a/12/
            https://ci.acme.com/jenkins// | /job/a/12/      | https://ci.acme.com/jenkins/job/a/12/
            http://localhost:8080/        | job/a/12/       | http://localhost:8080/job/a/12/
            null                          | job/a/12/       | null
            ''                            | job/a/12/       | null
            '   '                         | job/a/12/       | null
            ci.acme.com/                  | job/a/12/       | null
            https://ci.acme.com/          | null            | null
            """)
    void theRunUrlIsAbsoluteOrAbsent(String rootUrl, String runUrl, String expected) {
        assertThat(CiDetector.ci("a", "12", rootUrl, runUrl, 0).runUrl()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            0,           00:00:00
            999,         00:00:00
            307000,      00:05:07
            307999,      00:05:07
            3600000,     01:00:00
            90061000,    25:01:01
            360000000,   100:00:00
            -1,          null
            """)
    void theDurationIsHoursMinutesSecondsWithHoursPast24(long millis, String expected) {
        assertThat(CiDetector.ci("a", "1", null, null, millis).duration()).isEqualTo(expected);
    }

    @Test
    void blankNamesAreAbsentNotEmpty() {
        assertThat(CiDetector.ci(" ", "", null, null, 0)).isEqualTo(new CiInfo(null, null, null, "00:00:00"));
    }

    // --- Git ---

    @Test
    void aFreestyleGitCheckoutIsDescribedFully() {
        VcsInfo vcs = CiDetector.vcs(env(
                "GIT_URL", "git@github.com:acme/app.git",
                "GIT_COMMIT", SHA,
                "GIT_BRANCH", "origin/feature/login"));
        assertThat(vcs).isEqualTo(new VcsInfo("git", "github", "acme/app", "https://github.com/acme/app",
                "feature/login", SHA, "https://github.com/acme/app/commit/" + SHA));
    }

    @Test
    void aPullRequestReportsItsSourceBranch() {
        VcsInfo vcs = CiDetector.vcs(env(
                "GIT_URL", "https://gitlab.com/acme/app.git",
                "GIT_COMMIT", SHA,
                "BRANCH_NAME", "PR-12",
                "CHANGE_BRANCH", "feature/login",
                "GIT_BRANCH", "PR-12"));
        assertThat(vcs.branch()).isEqualTo("feature/login");
        assertThat(vcs.commitUrl()).isEqualTo("https://gitlab.com/acme/app/-/commit/" + SHA);
    }

    @ParameterizedTest(name = "[{0}] [{1}] [{2}] [{3}] -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # CHANGE_BRANCH | BRANCH_NAME | GIT_LOCAL_BRANCH | GIT_BRANCH                   | branch
            feature/login   | PR-12       | null             | PR-12                        | feature/login
            null            | PR-12       | null             | PR-12                        | PR-12
            null            | release/2.0 | null             | release/2.0                  | release/2.0
            null            | null        | develop          | origin/develop               | develop
            null            | null        | null             | origin/feature/x             | feature/x
            null            | null        | null             | upstream/main                | main
            null            | null        | null             | refs/remotes/origin/x        | x
            null            | null        | null             | refs/remotes/origin/team/x   | team/x
            null            | null        | null             | refs/remotes/origin          | null
            null            | null        | null             | remotes/origin/x             | x
            null            | null        | null             | refs/heads/x                 | x
            null            | null        | null             | refs/heads/team/x            | team/x
            null            | null        | null             | main                         | main
            null            | null        | null             | refs/tags/v1.0               | null
            null            | null        | null             | origin/HEAD                  | null
            null            | null        | null             | detached                     | null
            ''              | '  '        | ''               | origin/main                  | main
            null            | null        | null             | null                         | null
            """)
    void theBranchIsTheBuiltOneInTheOrderJenkinsPluginsSetIt(
            String changeBranch, String branchName, String localBranch, String gitBranch, String expected) {
        Map<String, String> env = env("GIT_COMMIT", SHA);
        env.put("CHANGE_BRANCH", changeBranch);
        env.put("BRANCH_NAME", branchName);
        env.put("GIT_LOCAL_BRANCH", localBranch);
        env.put("GIT_BRANCH", gitBranch);
        assertThat(CiDetector.vcs(env).branch()).isEqualTo(expected);
    }

    @Test
    void credentialsInTheRemoteAreNeverForwarded() {
        VcsInfo vcs = CiDetector.vcs(env(
                "GIT_URL", "https://x-access-token:ghs_S3cr3t@github.com/acme/app.git",
                "GIT_COMMIT", SHA));
        assertThat(vcs.repoUrl()).isEqualTo("https://github.com/acme/app");
        assertThat(vcs.toString()).doesNotContain("S3cr3t").doesNotContain("x-access-token");
    }

    @Test
    void theFirstOfSeveralRemotesIsUsedWhenGitUrlIsUnset() {
        VcsInfo vcs = CiDetector.vcs(env(
                "GIT_URL_1", "https://bitbucket.org/team/app.git",
                "GIT_URL_2", "https://github.com/acme/lib.git",
                "GIT_COMMIT", SHA));
        assertThat(vcs.repoUrl()).isEqualTo("https://bitbucket.org/team/app");
        assertThat(vcs.host()).isEqualTo("bitbucket");
    }

    @Test
    void aRemoteWithoutAWebPageLeavesTheRepositoryUnknownButKeepsTheRest() {
        VcsInfo vcs = CiDetector.vcs(env(
                "GIT_URL", "/srv/git/app.git",
                "GIT_COMMIT", SHA,
                "GIT_BRANCH", "origin/main"));
        assertThat(vcs).isEqualTo(new VcsInfo("git", null, null, null, "main", SHA, null));
    }

    @Test
    void anUnknownHostIsReportedWithoutAHostOrCommitLink() {
        VcsInfo vcs = CiDetector.vcs(env("GIT_URL", "git@git.acme.com:team/app.git", "GIT_COMMIT", SHA));
        assertThat(vcs).isEqualTo(new VcsInfo("git", null, "team/app", "https://git.acme.com/team/app", null, SHA, null));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            9FCEB02D0AE598E95DC970B74767F19372D61AF8,  9fceb02d0ae598e95dc970b74767f19372d61af8
            9fceb02,                                   9fceb02
            HEAD,                                      null
            '${GIT_COMMIT}',                           null
            """)
    void onlyAHexCommitIdIsKept(String commit, String expected) {
        VcsInfo vcs = CiDetector.vcs(env("GIT_URL", "https://github.com/acme/app.git", "GIT_COMMIT", commit));
        assertThat(vcs.hostType()).isEqualTo("git");
        assertThat(vcs.commitSha()).isEqualTo(expected);
        assertThat(vcs.commitUrl()).isEqualTo(expected == null ? null : "https://github.com/acme/app/commit/" + expected);
    }

    @Test
    void aCommitAloneIsEnoughToKnowItIsGit() {
        assertThat(CiDetector.vcs(env("GIT_COMMIT", SHA)))
                .isEqualTo(new VcsInfo("git", null, null, null, null, SHA, null));
    }

    // --- Subversion ---

    @Test
    void aSubversionCheckoutIsDescribedWithoutCredentials() {
        VcsInfo vcs = CiDetector.vcs(env(
                "SVN_URL", "https://jdoe:S3cr3t@svn.acme.com/repos/app/trunk",
                "SVN_REVISION", "1234"));
        assertThat(vcs).isEqualTo(new VcsInfo("svn", null, "repos/app", "https://svn.acme.com/repos/app/trunk",
                "trunk", "1234", null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            svn://svn.riouxsvn.com/app/branches/release-2/src   | riouxsvn    | app         | svn://svn.riouxsvn.com/app/branches/release-2/src | release-2
            https://svn.code.sf.net/p/proj/code/trunk/          | sourceforge | p/proj/code | https://svn.code.sf.net/p/proj/code/trunk         | trunk
            svn+ssh://jdoe@svn.acme.com:2222/app/tags/1.0       | null        | app         | svn+ssh://svn.acme.com:2222/app/tags/1.0          | null
            http://svn.acme.com/app                             | null        | app         | http://svn.acme.com/app                           | null
            file:///srv/svn/app/trunk                           | null        | null        | null                                              | null
            """)
    void subversionUrlsFollowingTheStandardLayoutGiveRepositoryAndBranch(
            String svnUrl, String host, String name, String url, String branch) {
        VcsInfo vcs = CiDetector.vcs(env("SVN_URL", svnUrl, "SVN_REVISION", "7"));
        assertThat(vcs).isEqualTo(new VcsInfo("svn", host, name, url, branch, "7", null));
    }

    @Test
    void severalSubversionLocationsUseTheFirst() {
        VcsInfo vcs = CiDetector.vcs(env(
                "SVN_URL_1", "https://svn.acme.com/app/trunk", "SVN_REVISION_1", "11",
                "SVN_URL_2", "https://svn.acme.com/lib/trunk", "SVN_REVISION_2", "12"));
        assertThat(vcs.repoUrl()).isEqualTo("https://svn.acme.com/app/trunk");
        assertThat(vcs.commitSha()).isEqualTo("11");
    }

    @Test
    void aMultibranchSubversionBranchNameWinsOverTheUrl() {
        VcsInfo vcs = CiDetector.vcs(env(
                "SVN_URL", "https://svn.acme.com/app/branches/feature-x", "SVN_REVISION", "5", "BRANCH_NAME",
                "branches/feature-x"));
        assertThat(vcs.branch()).isEqualTo("branches/feature-x");
    }

    @Test
    void aRevisionLongerThanBuildstashTakesIsDropped() {
        VcsInfo vcs = CiDetector.vcs(env("SVN_URL", "https://svn.acme.com/app/trunk", "SVN_REVISION", "1".repeat(41)));
        assertThat(vcs.commitSha()).isNull();
        assertThat(vcs.repoUrl()).isNotNull();
    }

    // --- Neither, or both ---

    @Test
    void gitWinsOverSubversion() {
        VcsInfo vcs = CiDetector.vcs(env("GIT_COMMIT", SHA, "SVN_URL", "https://svn.acme.com/app/trunk"));
        assertThat(vcs.hostType()).isEqualTo("git");
        assertThat(vcs.repoUrl()).isNull();
    }

    @Test
    void aBranchFromABranchSourceIsKeptWhenTheScmIsUnknown() {
        assertThat(CiDetector.vcs(env("BRANCH_NAME", "main")))
                .isEqualTo(new VcsInfo(null, null, null, null, "main", null, null));
    }

    @Test
    void anEnvironmentWithoutVersionControlGivesNone() {
        assertThat(CiDetector.vcs(Map.of())).isSameAs(VcsInfo.NONE);
        assertThat(CiDetector.vcs(env("GIT_URL", " ", "GIT_COMMIT", "", "PATH", "/usr/bin"))).isSameAs(VcsInfo.NONE);
    }
}
