package io.jenkins.plugins.buildstash.emulator;

import java.time.Instant;
import java.util.List;

/**
 * The emulated workspace's resources, as immutable values. A null {@code applicationId} on a label or custom target
 * means workspace level.
 */
final class Model {

    private Model() {}

    record Workspace(String id, String name, String subdomain, Instant createdAt) {}

    record User(String id, String name, String email, Instant createdAt) {}

    /** A workspace member: role owner, admin or member. */
    record Member(String userId, String role, Instant addedAt) {}

    /** An application member: role admin, developer, qa or readonly. */
    record ApplicationMember(String userId, String role) {}

    record Application(
            String id, String name, String description, List<String> platforms, boolean customStoreEnabled,
            Instant createdAt) {}

    record Stream(
            String id, String applicationId, String name, String description, Integer retentionDays,
            Instant createdAt) {}

    record DefaultStream(String id, String name, String description, Integer retentionDays, Instant createdAt) {}

    record Label(
            String id, String applicationId, String name, String description, String color, Instant createdAt) {
        boolean workspaceLevel() {
            return applicationId == null;
        }
    }

    record CustomTarget(
            String id, String applicationId, String name, String description, String platform, Instant createdAt) {
        boolean workspaceLevel() {
            return applicationId == null;
        }
    }

    record Webhook(
            String id,
            String applicationId,
            String description,
            String url,
            String event,
            String format,
            boolean active,
            String streamId,
            Instant lastSuccessfulRequestAt,
            Instant createdAt) {}

    record Release(
            String id,
            String applicationId,
            Version version,
            String title,
            String notes,
            List<String> labelIds,
            List<String> buildIds,
            Instant createdAt) {}

    /** CI fields of a build ({@code ci_pipeline} in the Build schema); any may be null. */
    record CiInfo(String pipelineName, String pipelineUrl, String runId, String runUrl, String buildDuration) {
        static final CiInfo NONE = new CiInfo(null, null, null, null, null);
    }

    /** Version-control fields of a build ({@code scm} in the Build schema); any may be null. */
    record ScmInfo(
            String hostType, String host, String repoName, String repoUrl, String branch, String commitSha,
            String commitUrl) {
        static final ScmInfo NONE = new ScmInfo(null, null, null, null, null, null, null);
    }

    /** A file of a build, or a metadata artifact: its name, size and stored content. */
    record StoredFileRecord(String id, String filename, long sizeBytes, StoredObject content, Instant createdAt) {}

    /** A metadata artifact attached to a build; it shares its ID with its file. */
    record MetadataArtifact(String buildId, StoredFileRecord file, String description) {
        String id() {
            return file.id();
        }
    }

    /** Everything a build is made of, except its metadata artifacts (which arrive later). */
    record Build(
            String id,
            long sequence,
            String applicationId,
            String structure,
            Version version,
            String buildNumber,
            String platform,
            String streamId,
            List<String> labelIds,
            List<String> architectures,
            String notes,
            String customTargetId,
            String source,
            CiInfo ci,
            ScmInfo scm,
            StoredFileRecord primary,
            List<StoredFileRecord> expansions,
            String pendingUploadId,
            Instant builtAt,
            Instant createdAt,
            Instant processedAt) {

        /** Whether the build is still being processed at {@code now} (hidden from lists, not yet downloadable). */
        boolean pendingAt(Instant now) {
            return now.isBefore(processedAt);
        }

        long sizeTotalBytes() {
            return primary.sizeBytes() + expansions.stream().mapToLong(StoredFileRecord::sizeBytes).sum();
        }
    }
}
