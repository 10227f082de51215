package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.Vocabulary;
import io.jenkins.plugins.buildstash.api.model.FileSpec;
import io.jenkins.plugins.buildstash.api.model.UploadRequest;
import java.util.List;

/**
 * Turns an {@link UploadSpec} into the {@code POST /upload/request} body. User options are sent as given (they were
 * validated); detected CI and VCS details are fitted to the API's limits instead, because a long branch name must not
 * fail an upload.
 */
final class UploadRequests {

    private UploadRequests() {}

    static UploadRequest from(UploadSpec spec) {
        UploadOptions o = spec.options();
        CiInfo ci = o.ci();
        VcsInfo vcs = o.vcs();
        return new UploadRequest(
                o.applicationId(),
                spec.expansion() == null ? UploadRequest.STRUCTURE_FILE : UploadRequest.STRUCTURE_FILE_AND_EXPANSION,
                o.platform(),
                o.customTarget(),
                o.stream(),
                UploadRequest.SOURCE_JENKINS,
                new FileSpec(spec.primary().name(), spec.primary().size()),
                spec.expansion() == null ? List.of() : List.of(new FileSpec(spec.expansion().name(), spec.expansion().size())),
                o.versionMajor(),
                o.versionMinor(),
                o.versionPatch(),
                o.versionExtra(),
                o.versionMeta(),
                o.customBuildNumber(),
                o.labels(),
                o.architectures(),
                o.notes(),
                fit(ci.pipeline(), 100),
                ci.runId(),
                ci.runUrl(),
                ci.duration(),
                known(vcs.hostType(), Vocabulary.VC_HOST_TYPES),
                known(vcs.host(), Vocabulary.VC_HOSTS),
                fit(vcs.repoName(), 200),
                vcs.repoUrl(),
                fit(vcs.branch(), 100),
                // A SHA-256 commit id (64 characters) does not fit the API's 40; better none than a refused upload.
                vcs.commitSha() != null && vcs.commitSha().length() > 40 ? null : vcs.commitSha(),
                vcs.commitUrl());
    }

    private static String fit(String value, int max) {
        return TextInputs.shortened(value, max);
    }

    private static String known(String value, java.util.Set<String> vocabulary) {
        return value != null && vocabulary.contains(value) ? value : null;
    }
}
