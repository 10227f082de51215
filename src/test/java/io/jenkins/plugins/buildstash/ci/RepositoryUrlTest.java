package io.jenkins.plugins.buildstash.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.Vocabulary;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryUrlTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # remote                                                         | web URL                                                        | name              | vc_host
            https://github.com/acme/app.git                                  | https://github.com/acme/app                                    | acme/app          | github
            https://github.com/acme/app/                                     | https://github.com/acme/app                                    | acme/app          | github
            https://github.com/acme/app.git/                                 | https://github.com/acme/app                                    | acme/app          | github
            https://GitHub.com/Acme/App.git                                  | https://github.com/Acme/App                                    | Acme/App          | github
            git@github.com:acme/app.git                                      | https://github.com/acme/app                                    | acme/app          | github
            git@github.com:/acme/app.git                                     | https://github.com/acme/app                                    | acme/app          | github
            github.com:acme/app                                              | https://github.com/acme/app                                    | acme/app          | github
            ssh://git@github.com/acme/app.git                                | https://github.com/acme/app                                    | acme/app          | github
            ssh://git@ssh.github.com:443/acme/app.git                        | https://github.com/acme/app                                    | acme/app          | github
            git+ssh://git@github.com/acme/app.git                            | https://github.com/acme/app                                    | acme/app          | github
            git://github.com/acme/app.git                                    | https://github.com/acme/app                                    | acme/app          | github
            https://github.com/acme/app.git?ref=main#readme                  | https://github.com/acme/app                                    | acme/app          | github
            https://github.acme.com/mobile/app.git                           | https://github.acme.com/mobile/app                             | mobile/app        | github
            git@github.acme.com:mobile/app.git                               | https://github.acme.com/mobile/app                             | mobile/app        | github
            https://acme.ghe.com/mobile/app                                  | https://acme.ghe.com/mobile/app                                | mobile/app        | github
            https://gitlab.com/group/sub/app.git                             | https://gitlab.com/group/sub/app                               | group/sub/app     | gitlab
            git@gitlab.com:group/sub/app.git                                 | https://gitlab.com/group/sub/app                               | group/sub/app     | gitlab
            https://gitlab.acme.com:8443/group/app.git                       | https://gitlab.acme.com:8443/group/app                         | group/app         | gitlab-self
            https://gitlab.acme.com:443/group/app.git                        | https://gitlab.acme.com/group/app                              | group/app         | gitlab-self
            ssh://git@gitlab.acme.com:2222/group/app.git                     | https://gitlab.acme.com/group/app                              | group/app         | gitlab-self
            http://gitlab.intranet:8080/group/app.git                        | http://gitlab.intranet:8080/group/app                          | group/app         | gitlab-self
            http://gitlab.acme.com:80/group/app.git                          | http://gitlab.acme.com/group/app                               | group/app         | gitlab-self
            https://bitbucket.org/team/app.git                               | https://bitbucket.org/team/app                                 | team/app          | bitbucket
            git@bitbucket.org:team/app.git                                   | https://bitbucket.org/team/app                                 | team/app          | bitbucket
            ssh://git@bitbucket.acme.com:7999/proj/app.git                   | https://bitbucket.acme.com/projects/PROJ/repos/app             | proj/app          | bitbucket
            https://bitbucket.acme.com/scm/proj/app.git                      | https://bitbucket.acme.com/projects/PROJ/repos/app             | proj/app          | bitbucket
            https://bitbucket.acme.com:8443/context/scm/proj/app.git         | https://bitbucket.acme.com:8443/context/projects/PROJ/repos/app | proj/app         | bitbucket
            ssh://git@bitbucket.acme.com:7999/~jdoe/app.git                  | https://bitbucket.acme.com/users/jdoe/repos/app                | ~jdoe/app         | bitbucket
            https://org@dev.azure.com/org/project/_git/app                   | https://dev.azure.com/org/project/_git/app                     | org/project/app   | azure-repos
            https://dev.azure.com/org/_git/app                               | https://dev.azure.com/org/_git/app                             | org/app           | azure-repos
            git@ssh.dev.azure.com:v3/org/project/app                         | https://dev.azure.com/org/project/_git/app                     | org/project/app   | azure-repos
            https://org.visualstudio.com/DefaultCollection/project/_git/app  | https://org.visualstudio.com/DefaultCollection/project/_git/app | org/project/app  | azure-repos
            org@vs-ssh.visualstudio.com:v3/org/project/app                   | https://org.visualstudio.com/project/_git/app                  | org/project/app   | azure-repos
            https://git.code.sf.net/p/proj/code                              | https://sourceforge.net/p/proj/code                            | proj/code         | sourceforge
            ssh://jdoe@git.code.sf.net/p/proj/code                           | https://sourceforge.net/p/proj/code                            | proj/code         | sourceforge
            https://codeberg.org/owner/app.git                               | https://codeberg.org/owner/app                                 | owner/app         | codeberg
            https://gitea.com/owner/app.git                                  | https://gitea.com/owner/app                                    | owner/app         | gitea
            https://gitea.acme.com/owner/app.git                             | https://gitea.acme.com/owner/app                               | owner/app         | gitea
            https://git.sr.ht/~jdoe/app                                      | https://git.sr.ht/~jdoe/app                                    | ~jdoe/app         | sourcehut
            git@git.sr.ht:~jdoe/app                                          | https://git.sr.ht/~jdoe/app                                    | ~jdoe/app         | sourcehut
            https://gitee.com/owner/app.git                                  | https://gitee.com/owner/app                                    | owner/app         | gitee
            https://git.launchpad.net/app                                    | https://git.launchpad.net/app                                  | app               | launchpad
            git+ssh://jdoe@git.launchpad.net/~jdoe/app                       | https://git.launchpad.net/~jdoe/app                            | ~jdoe/app         | launchpad
            https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app      | https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app    | app               | aws-codecommit
            ssh://APKAEXAMPLE@git-codecommit.eu-west-1.amazonaws.com/v1/repos/app | https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app | app            | aws-codecommit
            https://pagure.io/app.git                                        | https://pagure.io/app                                          | app               | pagure
            https://git.acme.com/team/app.git                                | https://git.acme.com/team/app                                  | team/app          |
            git@git.acme.com:team/app.git                                    | https://git.acme.com/team/app                                  | team/app          |
            http://gitserver/app.git                                         | http://gitserver/app                                           | app               |
            """)
    void remotesBecomeTheRepositorysWebAddress(String remote, String web, String name, String host) {
        RepositoryUrl url = RepositoryUrl.parse(remote).orElseThrow();
        assertThat(url.httpsUrl()).isEqualTo(web);
        assertThat(url.name()).isEqualTo(name);
        assertThat(url.buildstashHost()).isEqualTo(host);
        assertThat(url.host()).isEqualTo(web.replaceFirst("https?://", "").replaceFirst("[:/].*", ""));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://x-access-token:ghs_S3cr3tT0ken@github.com/acme/app.git",
        "https://jdoe:S3cr3tT0ken@gitlab.acme.com:8443/group/app.git",
        "https://jdoe:p%40S3cr3tT0ken@bitbucket.org/team/app.git",
        "https://jdoe:p@S3cr3tT0ken@github.com/acme/app.git",
        "https://S3cr3tT0ken@dev.azure.com/org/project/_git/app",
        "ssh://jdoe:S3cr3tT0ken@git.acme.com:2222/team/app.git",
        "https://github.com/acme/app.git?private_token=S3cr3tT0ken",
    })
    void credentialsAreNeverKept(String remote) {
        RepositoryUrl url = RepositoryUrl.parse(remote).orElseThrow();
        assertThat(Arrays.asList(url.httpsUrl(), url.name(), url.host(), url.commitUrl(SHA), url.toString()))
                .filteredOn(Objects::nonNull)
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).doesNotContain("S3cr3t").doesNotContain("@").doesNotContain("jdoe"));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ",
        "file:///srv/git/app.git",
        "/srv/git/app.git",
        "./app",
        "../app.git",
        "C:\\repos\\app",
        "C:/repos/app",
        "\\\\server\\share\\app.git",
        "github-work:acme/app.git", // an SSH alias from ~/.ssh/config, not a host
        "git@github.com-work:acme/app.git",
        "localhost:app.git",
        "ftp://git.acme.com/app.git",
        "not a url",
        "https://",
        "https://github.com",
        "https://github.com/",
        "https://github.com/.git",
        "https://github.com/acme/../app",
        "https://git.acme.com:http/app.git",
        "https://jdoe:abc/S3cr3t@github.com/acme/app", // an unencoded '/' in a token must not leak its tail
        "git@git.acme.com",
        "git@git.acme.com:~/app.git",
        "codecommit::us-east-1://app",
        "https://[::1]/app.git",
    })
    void remotesWithoutAWebPageGiveNothing(String remote) {
        assertThat(RepositoryUrl.parse(remote)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://github.com/acme/app.git                     | https://github.com/acme/app/commit/0123456789abcdef0123456789abcdef01234567
            https://github.acme.com/acme/app.git                | https://github.acme.com/acme/app/commit/0123456789abcdef0123456789abcdef01234567
            git@gitlab.com:group/sub/app.git                    | https://gitlab.com/group/sub/app/-/commit/0123456789abcdef0123456789abcdef01234567
            https://gitlab.acme.com:8443/group/app.git          | https://gitlab.acme.com:8443/group/app/-/commit/0123456789abcdef0123456789abcdef01234567
            git@bitbucket.org:team/app.git                      | https://bitbucket.org/team/app/commits/0123456789abcdef0123456789abcdef01234567
            ssh://git@bitbucket.acme.com:7999/proj/app.git      | https://bitbucket.acme.com/projects/PROJ/repos/app/commits/0123456789abcdef0123456789abcdef01234567
            git@ssh.dev.azure.com:v3/org/project/app            | https://dev.azure.com/org/project/_git/app/commit/0123456789abcdef0123456789abcdef01234567
            https://codeberg.org/owner/app.git                  | https://codeberg.org/owner/app/commit/0123456789abcdef0123456789abcdef01234567
            https://gitea.com/owner/app.git                     | https://gitea.com/owner/app/commit/0123456789abcdef0123456789abcdef01234567
            https://git.code.sf.net/p/proj/code                 |
            https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app |
            https://git.acme.com/team/app.git                   |
            """)
    void commitPagesAreLinkedOnlyWhereTheAddressSchemeIsKnown(String remote, String commitUrl) {
        assertThat(RepositoryUrl.parse(remote).orElseThrow().commitUrl(SHA)).isEqualTo(commitUrl);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"HEAD", "main", "0123456789abcdef0123456789abcdef0123456z", "abc", "../../evil"})
    void aCommitIdThatIsNoHexShaGetsNoLink(String sha) {
        assertThat(RepositoryUrl.parse("https://github.com/acme/app").orElseThrow().commitUrl(sha)).isNull();
    }

    @Test
    void anUpperCaseCommitIdIsLinkedInLowerCase() {
        assertThat(RepositoryUrl.parse("https://github.com/acme/app").orElseThrow().commitUrl("ABCDEF0"))
                .isEqualTo("https://github.com/acme/app/commit/abcdef0");
    }

    @Test
    void everyHostWeNameIsInBuildstashsVocabulary() {
        assertThat(Arrays.stream(Forge.values()).filter(f -> f != Forge.UNKNOWN).map(f -> f.vcHost))
                .allSatisfy(h -> assertThat(Vocabulary.VC_HOSTS).contains(h));
        assertThat(Forge.UNKNOWN.vcHost).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            sourceforge.com,       UNKNOWN
            gitlab.com.evil.net,   GITLAB_SELF
            notgitlab.com,         GITLAB_SELF
            bitbucket.org.acme.io, BITBUCKET_SERVER
            github.com.acme.io,    GITHUB
            acme.com,              UNKNOWN
            com,                   UNKNOWN
            gitlab,                UNKNOWN
            """)
    void lookalikesOfPublicServicesAreNotTakenForThem(String host, Forge forge) {
        assertThat(Forge.of(host)).isEqualTo(forge);
    }
}
