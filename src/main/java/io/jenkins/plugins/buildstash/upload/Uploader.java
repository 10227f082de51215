package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.KeyDescription;
import io.jenkins.plugins.buildstash.api.RetryBudget;
import io.jenkins.plugins.buildstash.api.model.FileUploadInstructions;
import io.jenkins.plugins.buildstash.api.model.MetadataUploadInstructions;
import io.jenkins.plugins.buildstash.api.model.MetadataUploadRequest;
import io.jenkins.plugins.buildstash.api.model.MultipartChunk;
import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import io.jenkins.plugins.buildstash.api.model.UploadInstructions;
import io.jenkins.plugins.buildstash.api.model.VerifiedUpload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The key side of an upload: it alone holds the API key. It checks the input, creates the pending upload, hands the
 * file side presigned URLs (through a {@link UrlSource}), verifies the parts' ETags, attaches metadata artifacts,
 * and aborts the pending upload on any failure or interrupt before the build exists.
 */
public final class Uploader {

    private final BuildstashClient client;
    private final FileSide fileSide;
    private final Consumer<String> log;
    private final KeyKindMemory keyKinds;
    private final Tracker tracker;

    /**
     * Told when the pending upload opens and when it is settled (verified into a build, aborted, or left to
     * Buildstash), so that a Pipeline step can keep its id where it finds it again after a controller restart.
     */
    public interface Tracker {
        Tracker NONE = new Tracker() {
            @Override
            public void opened(String pendingUploadId) {}

            @Override
            public void settled(String pendingUploadId, String buildId) {}
        };

        void opened(String pendingUploadId);

        /** @param buildId the build Buildstash created, or null when the upload was aborted or its outcome is unknown */
        void settled(String pendingUploadId, String buildId);
    }

    /**
     * With the JVM's shared {@link KeyKindMemory}.
     *
     * @param log receives what a build log shows: what is uploaded where, retries, progress comes from the file side
     */
    public Uploader(BuildstashClient client, FileSide fileSide, Consumer<String> log) {
        this(client, fileSide, log, KeyKindMemory.shared(), Tracker.NONE);
    }

    public Uploader(BuildstashClient client, FileSide fileSide, Consumer<String> log, KeyKindMemory keyKinds) {
        this(client, fileSide, log, keyKinds, Tracker.NONE);
    }

    public Uploader(BuildstashClient client, FileSide fileSide, Consumer<String> log, Tracker tracker) {
        this(client, fileSide, log, KeyKindMemory.shared(), tracker);
    }

    public Uploader(BuildstashClient client, FileSide fileSide, Consumer<String> log, KeyKindMemory keyKinds,
            Tracker tracker) {
        this.client = client;
        this.fileSide = fileSide;
        this.log = log;
        this.keyKinds = keyKinds;
        this.tracker = tracker;
    }

    public UploadResult upload(UploadSpec spec) throws IOException, InterruptedException {
        List<String> problems = UploadValidator.validate(spec);
        if (!problems.isEmpty()) {
            throw new InvalidUploadException(problems);
        }
        long start = System.nanoTime();
        BuildstashClient api = client.withBudget(RetryBudget.standard());
        UploadOptions o = spec.options();
        String keyFingerprint = o.applicationId() == null ? api.keyFingerprint() : null;
        boolean kindRemembered = keyFingerprint != null && keyKinds.recall(keyFingerprint).isPresent();
        if (keyFingerprint != null && !kindRemembered) {
            keyKinds.remember(keyFingerprint, refuseWorkspaceKey(api));
        }
        log.accept("Uploading " + describe(spec) + " to Buildstash (" + o.platform() + ", stream " + o.stream()
                + ", version " + o.version() + ")");
        UploadInstructions instructions;
        try {
            instructions = api.requestUpload(UploadRequests.from(spec));
        } catch (BuildstashException e) {
            if (e.pendingUploadIdSeen() != null) {
                abort(api, e.pendingUploadIdSeen());
            }
            if (keyFingerprint != null && e.status() >= 400 && e.status() < 500 && e.status() != 429) {
                // Refused: what was learned may no longer hold (a revoked key, or a workspace key that looked like an
                // application key). Learn it again next time, and now when it came from memory, so that a workspace
                // key still gets its own message rather than Buildstash's.
                keyKinds.forget(keyFingerprint);
                if (kindRemembered) {
                    refuseWorkspaceKey(api);
                }
            }
            throw e;
        }
        String pending = instructions.pendingUploadId();
        tracker.opened(pending);
        boolean verified = false;
        try {
            TransferOrder order = plan(spec, instructions);
            TransferReceipt receipt = fileSide.transfer(order, new Presigner(api, pending, order, instructions));
            VerifiedUpload build = verify(api, pending, chunks(order, receipt));
            verified = true;
            tracker.settled(pending, build.buildId());
            List<UploadResult.UploadedFile> files = new ArrayList<>();
            files.add(new UploadResult.UploadedFile("primary", spec.primary().name(), spec.primary().size(), null));
            if (spec.expansion() != null) {
                files.add(new UploadResult.UploadedFile("expansion", spec.expansion().name(), spec.expansion().size(), null));
            }
            List<UploadResult.UploadedFile> metadata = new ArrayList<>();
            List<String> metadataFailures = new ArrayList<>();
            attachMetadata(api, spec, pending, metadata, metadataFailures);
            int retries = receipt.files().stream().mapToInt(FileReceipt::retries).sum();
            return new UploadResult(build.buildId(), build.pendingProcessing(), build.buildInfoUrl(), build.downloadUrl(),
                    o.platform(), o.stream(), o.version(), files, metadata, metadataFailures,
                    (System.nanoTime() - start) / 1_000_000, retries);
        } catch (OutcomeUnknownException e) {
            log.accept("Not aborting the pending upload " + pending + ": Buildstash may have turned it into a build");
            tracker.settled(pending, null);
            throw e;
        } catch (InterruptedException e) {
            if (verified) {
                throw e;
            }
            // One line for the log, not two: the stop and what became of the pending upload.
            String aborted = abort(api, pending);
            tracker.settled(pending, null);
            throw new UploadInterruptedException("Stopped uploading " + describe(spec) + ": the build was interrupted. "
                    + aborted);
        } catch (IOException | RuntimeException e) {
            if (!verified) {
                log.accept(abort(api, pending));
                tracker.settled(pending, null);
            }
            throw e;
        }
    }

    /**
     * Verifies, and says so when a retry was refused after an earlier attempt's answer was lost: Buildstash may then
     * have created the build already (its verify is not documented as idempotent, brief G19).
     */
    private static VerifiedUpload verify(BuildstashClient api, String pending, List<MultipartChunk> chunks)
            throws IOException, InterruptedException {
        try {
            return api.verifyUpload(pending, chunks);
        } catch (BuildstashException e) {
            if (e.status() == 400 && e.attempts() > 1) {
                throw new OutcomeUnknownException(e);
            }
            throw e;
        }
    }

    /**
     * A workspace key must name the application; finding out now beats a pending upload the server refuses.
     *
     * @return the kind of a key that may upload without an application id
     */
    private static KeyDescription.Kind refuseWorkspaceKey(BuildstashClient api) throws IOException, InterruptedException {
        KeyDescription key = api.classifyKey();
        if (key.kind() == KeyDescription.Kind.WORKSPACE) {
            throw new InvalidUploadException(List.of("the API key is a workspace key (" + key.evidence()
                    + "), so it must be told which application to upload to: set applicationId"
                    + (key.applications().isEmpty() ? "" : " to one of " + key.applicationChoices())
                    + ", or use an application key"));
        }
        return key.kind();
    }

    private static String describe(UploadSpec spec) {
        String s = spec.primary().name() + " (" + Sizes.bytes(spec.primary().size()) + ")";
        if (spec.expansion() != null) {
            s += " with " + spec.expansion().name() + " (" + Sizes.bytes(spec.expansion().size()) + ")";
        }
        return s;
    }

    private static TransferOrder plan(UploadSpec spec, UploadInstructions instructions) throws BuildstashException {
        List<FileOrder> files = new ArrayList<>();
        files.add(planFile(FileRole.PRIMARY, 0, spec.primary(), instructions.primaryFile()));
        if (spec.expansion() != null) {
            if (instructions.expansionFiles().isEmpty()) {
                throw unexpected("no instructions for the expansion file " + spec.expansion().name());
            }
            files.add(planFile(FileRole.EXPANSION, 0, spec.expansion(), instructions.expansionFiles().get(0)));
        }
        return new TransferOrder(files, spec.settings());
    }

    private static FileOrder planFile(FileRole role, int index, LocalFile file, FileUploadInstructions how)
            throws BuildstashException {
        if (how == null) {
            throw unexpected("no instructions for " + file.name());
        }
        if (!how.chunkedUpload()) {
            if (how.presignedData() == null || how.presignedData().url() == null) {
                throw unexpected("no presigned URL for " + file.name());
            }
            SignedHeaders.checkSendable(file.name(), how.presignedData().headers(), "POST /upload/request");
            return FileOrder.single(role, index, file);
        }
        Integer parts = how.chunkedNumberParts();
        Integer partMb = how.chunkedPartSizeMb();
        if (parts == null || partMb == null || parts < 1 || partMb < 1) {
            throw unexpected("a multipart plan without a part count or size for " + file.name());
        }
        // The unit is MiB, as every official client reads it (brief gap G10).
        long partSize = partMb * 1024L * 1024L;
        long needed = (file.size() + partSize - 1) / partSize;
        if (needed != parts) {
            throw unexpected("a plan of " + parts + " parts of " + partMb + " MiB for " + file.name() + " ("
                    + file.size() + " bytes), which needs " + needed);
        }
        return FileOrder.multipart(role, index, file, partSize, parts);
    }

    private static BuildstashException unexpected(String what) {
        return new BuildstashException("Buildstash answered the upload request with " + what
                + "; the upload was aborted", "POST /upload/request", null,
                io.jenkins.plugins.buildstash.api.Failure.of(io.jenkins.plugins.buildstash.api.Failure.Type.PERMANENT));
    }

    /** Primary parts first, then expansion parts: the order the official clients send and Buildstash accepts. */
    private static List<MultipartChunk> chunks(TransferOrder order, TransferReceipt receipt) throws IOException {
        List<MultipartChunk> chunks = new ArrayList<>();
        for (int i = 0; i < order.files().size(); i++) {
            FileOrder file = order.files().get(i);
            FileReceipt got = receipt.files().get(i);
            if (!file.isMultipart()) {
                continue;
            }
            if (got.etags().size() != file.partCount()) {
                throw new IOException("The file side reported " + got.etags().size() + " ETags for " + file.name()
                        + ", which has " + file.partCount() + " parts");
            }
            for (int part = 1; part <= file.partCount(); part++) {
                chunks.add(new MultipartChunk(part, got.etags().get(part - 1)));
            }
        }
        return chunks;
    }

    /**
     * Attaches each metadata artifact on its own. The build exists by now, so no failure here may fail the upload:
     * each is reported by name and its own pending metadata upload is aborted. Only an interrupt (the build was
     * aborted) ends the loop, after aborting the artifact in flight.
     */
    private void attachMetadata(BuildstashClient api, UploadSpec spec, String pending,
            List<UploadResult.UploadedFile> attached, List<String> failures) throws InterruptedException {
        for (MetadataFile m : spec.metadata()) {
            LocalFile f = m.file();
            String metadataPending = null;
            try {
                MetadataUploadInstructions how = api.requestMetadataUpload(
                        new MetadataUploadRequest(null, pending, f.name(), f.size()));
                metadataPending = how.metadataPendingUploadId();
                if (how.presignedUploadData() == null || how.presignedUploadData().url() == null) {
                    throw new UploadFailure("Buildstash answered without a presigned URL for it");
                }
                SignedHeaders.checkSendable(f.name(), how.presignedUploadData().headers(), "POST /upload/metadata/request");
                TransferOrder order = new TransferOrder(
                        List.of(FileOrder.single(FileRole.METADATA, attached.size(), f)), spec.settings());
                fileSide.transfer(order, new MetadataUrl(how.presignedUploadData()));
                String id = api.verifyMetadataUpload(metadataPending, m.description());
                metadataPending = null;
                attached.add(new UploadResult.UploadedFile("metadata", f.name(), f.size(), id));
            } catch (IOException | RuntimeException e) {
                if (metadataPending == null && e instanceof BuildstashException unreadable) {
                    metadataPending = unreadable.pendingUploadIdSeen();
                }
                // A RuntimeException here is a defect (ours or the JDK's), but the build is made: say it, go on.
                String reason = e instanceof IOException ? e.getMessage() : "an internal error (" + e + ")";
                failures.add(f.name() + ": " + reason);
                log.accept("Could not attach the metadata artifact " + f.name() + ": " + reason);
                if (metadataPending != null) {
                    abort(api, metadataPending);
                }
            } catch (InterruptedException e) {
                if (metadataPending != null) {
                    abort(api, metadataPending);
                }
                throw e;
            }
        }
    }

    /**
     * Aborts a pending upload, best effort: never hides the failure that led here, and runs even when the upload was
     * interrupted (the interrupt is restored afterwards). Also used for a pending upload left by a Pipeline step that a
     * controller restart cut short.
     *
     * @return whether Buildstash confirmed the abort
     */
    public static boolean abort(BuildstashClient api, String pending, Consumer<String> log) {
        AbortOutcome outcome = abortOutcome(api, pending);
        log.accept(outcome.sentence());
        return outcome.confirmed();
    }

    /** @return what became of the pending upload, as a sentence for the log */
    private static String abort(BuildstashClient api, String pending) {
        return abortOutcome(api, pending).sentence();
    }

    private record AbortOutcome(boolean confirmed, String sentence) {}

    private static AbortOutcome abortOutcome(BuildstashClient api, String pending) {
        boolean interrupted = Thread.interrupted();
        try {
            api.abortUpload(pending);
            return new AbortOutcome(true, "Aborted the pending upload " + pending + " on Buildstash");
        } catch (IOException | RuntimeException e) {
            return new AbortOutcome(false, "Could not abort the pending upload " + pending + " (" + e.getMessage()
                    + "); Buildstash discards pending uploads that are never verified");
        } catch (InterruptedException e) {
            interrupted = true;
            return new AbortOutcome(false, "The pending upload " + pending + " was left to Buildstash, which discards"
                    + " pending uploads that are never verified");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Hands the file side its URLs. It checks every request against the plan, because in Jenkins the caller is an
     * agent, and computes each part's length itself.
     */
    private static final class Presigner implements UrlSource {
        private final BuildstashClient api;
        private final String pendingUploadId;
        private final TransferOrder order;
        private final UploadInstructions instructions;

        Presigner(BuildstashClient api, String pendingUploadId, TransferOrder order, UploadInstructions instructions) {
            this.api = api;
            this.pendingUploadId = pendingUploadId;
            this.order = order;
            this.instructions = instructions;
        }

        @Override
        public PresignedRequest singlePut(FileRole role, int fileIndex) throws IOException {
            FileUploadInstructions how = role == FileRole.PRIMARY && fileIndex == 0
                    ? instructions.primaryFile()
                    : role == FileRole.EXPANSION && fileIndex < instructions.expansionFiles().size()
                            ? instructions.expansionFiles().get(fileIndex)
                            : null;
            if (how == null || how.chunkedUpload()) {
                throw new IOException("No single-part " + role.label() + " #" + fileIndex + " in this upload");
            }
            return how.presignedData();
        }

        @Override
        public List<PartTarget> parts(FileRole role, int fileIndex, int first, int count)
                throws IOException, InterruptedException {
            FileOrder file = order.files().stream()
                    .filter(f -> f.role() == role && f.index() == fileIndex && f.isMultipart())
                    .findFirst()
                    .orElseThrow(() -> new IOException("No multipart " + role.label() + " #" + fileIndex + " in this upload"));
            if (first < 1 || count < 1 || count > 100 || first + count - 1 > file.partCount()) {
                throw new IOException("Parts " + first + " to " + (first + count - 1) + " are outside the plan of "
                        + file.name() + " (" + file.partCount() + " parts)");
            }
            List<PartTarget> targets = new ArrayList<>(count);
            for (int part = first; part < first + count; part++) {
                long length = file.partLength(part);
                String url = role == FileRole.EXPANSION
                        ? api.requestExpansionPart(pendingUploadId, part, length).partPresignedUrl()
                        : api.requestPart(pendingUploadId, part, length).partPresignedUrl();
                if (url == null || url.isBlank()) {
                    throw new IOException("Buildstash returned no URL for part " + part + " of " + file.name());
                }
                targets.add(new PartTarget(part, url));
            }
            return targets;
        }

        @Override
        public String toString() {
            return "Presigner[pending upload " + pendingUploadId + "]";
        }
    }

    /** The one URL of a metadata artifact, which always goes in a single request. */
    private record MetadataUrl(PresignedRequest put) implements UrlSource {
        @Override
        public PresignedRequest singlePut(FileRole role, int fileIndex) {
            return put;
        }

        @Override
        public List<PartTarget> parts(FileRole role, int fileIndex, int first, int count) throws IOException {
            throw new IOException("Metadata artifacts are sent in one request");
        }

        @Override
        public String toString() {
            return "MetadataUrl[" + put + "]";
        }
    }
}
