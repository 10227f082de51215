package io.jenkins.plugins.buildstash.emulator;

import java.util.List;

/** A validated {@code /upload/request}: everything the build will carry once the upload is verified. */
record BuildDraft(
        String structure,
        String platform,
        String streamId,
        Version version,
        String buildNumber,
        List<String> labelNames,
        List<String> architectures,
        String notes,
        String customTargetId,
        String source,
        Model.CiInfo ci,
        Model.ScmInfo scm) {}
