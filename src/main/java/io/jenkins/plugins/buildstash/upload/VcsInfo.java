package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;

/**
 * The source revision of the build. All optional. {@code hostType} and {@code host} use Buildstash's vocabulary
 * ({@code git}, {@code github}...); an unknown value is dropped rather than sent.
 */
public record VcsInfo(
        String hostType, String host, String repoName, String repoUrl, String branch, String commitSha, String commitUrl)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final VcsInfo NONE = new VcsInfo(null, null, null, null, null, null, null);
}
