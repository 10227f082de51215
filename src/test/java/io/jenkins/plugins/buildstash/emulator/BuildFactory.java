package io.jenkins.plugins.buildstash.emulator;

import io.jenkins.plugins.buildstash.emulator.Model.Build;
import io.jenkins.plugins.buildstash.emulator.Model.StoredFileRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Turns a draft and its stored files into a build: labels are created as needed, iOS and Android builds process. */
final class BuildFactory {

    private final EmulatorState state;
    private final Duration processingDelay;

    BuildFactory(EmulatorState state, Duration processingDelay) {
        this.state = state;
        this.processingDelay = processingDelay;
    }

    /**
     * @param files the primary file first, then the expansion files
     * @param pendingUploadId the upload it came from; null for a build seeded through the Java API
     */
    Build create(String applicationId, BuildDraft draft, List<StoredFileRecord> files, String pendingUploadId,
            Instant builtAt) {
        List<String> labelIds = draft.labelNames().stream()
                .map(name -> state.labelForUpload(applicationId, name).id())
                .distinct()
                .toList();
        Instant now = state.now();
        boolean processing = pendingUploadId != null && Catalog.PROCESSED_PLATFORMS.contains(draft.platform());
        Build build = new Build(EmulatorState.newId(), state.nextSequence(), applicationId, draft.structure(),
                draft.version(), draft.buildNumber(), draft.platform(), draft.streamId(), labelIds,
                draft.architectures(), draft.notes(), draft.customTargetId(), draft.source(), draft.ci(), draft.scm(),
                files.get(0), List.copyOf(files.subList(1, files.size())), pendingUploadId, builtAt, now,
                processing ? now.plus(processingDelay) : now);
        state.addBuild(build);
        return build;
    }
}
