package io.jenkins.plugins.buildstash.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A build to store directly through {@link BuildstashEmulator#addBuild(NewBuild)}, bypassing the upload flow (for
 * download and listing tests):
 *
 * <pre>{@code
 * emulator.addBuild(NewBuild.of(appId, "android", "production", "1.2.3", "app.apk", bytes).withLabels("rc"))
 * }</pre>
 */
public record NewBuild(
        String applicationId,
        String platform,
        String stream,
        String version,
        String filename,
        byte[] content,
        List<String> labels,
        String expansionFilename,
        byte[] expansionContent,
        String notes,
        Instant builtAt) {

    /** @param version {@code major.minor.patch}, optionally {@code -extra} and {@code +meta} */
    public static NewBuild of(
            String applicationId, String platform, String stream, String version, String filename, byte[] content) {
        return new NewBuild(applicationId, platform, stream, version, filename, content.clone(), List.of(), null, null,
                null, null);
    }

    public NewBuild withLabels(String... names) {
        return new NewBuild(applicationId, platform, stream, version, filename, content, List.of(names),
                expansionFilename, expansionContent, notes, builtAt);
    }

    /** Adds an expansion file; the build's structure becomes {@code file+expansion}. */
    public NewBuild withExpansion(String name, byte[] bytes) {
        return new NewBuild(applicationId, platform, stream, version, filename, content, labels, name, bytes.clone(),
                notes, builtAt);
    }

    public NewBuild withNotes(String text) {
        return new NewBuild(applicationId, platform, stream, version, filename, content, labels, expansionFilename,
                expansionContent, text, builtAt);
    }

    public NewBuild withBuiltAt(Instant instant) {
        return new NewBuild(applicationId, platform, stream, version, filename, content, labels, expansionFilename,
                expansionContent, notes, instant);
    }
}
