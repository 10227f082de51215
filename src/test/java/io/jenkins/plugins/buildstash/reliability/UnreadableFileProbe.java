package io.jenkins.plugins.buildstash.reliability;

import io.jenkins.plugins.buildstash.files.FileSelectionException;
import io.jenkins.plugins.buildstash.files.WorkspaceFiles;
import java.nio.file.Path;

/**
 * Resolves one pattern in a workspace and prints the message (or {@code OK}): run in a JVM of its own without the
 * capabilities that let root read any file, so that "an unreadable file" can be tested where the tests run as root.
 */
public final class UnreadableFileProbe {

    private UnreadableFileProbe() {}

    public static void main(String[] args) {
        try {
            WorkspaceFiles.resolveOne(Path.of(args[0]), args[1], args[2]);
            System.out.println("OK");
        } catch (FileSelectionException e) {
            System.out.println(e.getMessage());
        }
    }
}
