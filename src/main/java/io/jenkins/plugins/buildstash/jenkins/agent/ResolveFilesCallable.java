package io.jenkins.plugins.buildstash.jenkins.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.buildstash.files.WorkspaceFiles;
import io.jenkins.plugins.buildstash.upload.HttpRuntime;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Finds the files to upload in the workspace, on the node that holds it. Returns names, sizes and paths only. It is
 * the first thing an upload runs on the agent, so it first checks that the agent's Java runtime can send the files
 * ({@link HttpRuntime}): a runtime without {@code java.net.http} is refused before a pending upload exists.
 */
@Restricted(NoExternalUse.class)
public final class ResolveFilesCallable extends MasterToSlaveFileCallable<ResolveFilesCallable.Found> {

    private static final long serialVersionUID = 1L;

    /** What was found; {@code expansion} is null when none was asked for. */
    public record Found(LocalFile primary, LocalFile expansion, List<LocalFile> metadata) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** How the agent-side checks name the machine they run on. */
    static final String THIS_NODE = Messages.ResolveFilesCallable_ThisNode();

    private final String file;
    private final String expansionFile;
    private final String metadataArtifacts;

    public ResolveFilesCallable(String file, String expansionFile, String metadataArtifacts) {
        this.file = file;
        this.expansionFile = expansionFile;
        this.metadataArtifacts = metadataArtifacts;
    }

    @Override
    public Found invoke(File workspace, VirtualChannel channel) throws IOException {
        HttpRuntime.require(THIS_NODE);
        LocalFile primary = WorkspaceFiles.resolveOne(workspace.toPath(), file, "file");
        LocalFile expansion = blank(expansionFile) ? null : WorkspaceFiles.resolveOne(workspace.toPath(), expansionFile, "expansionFile");
        List<LocalFile> metadata = blank(metadataArtifacts)
                ? List.of()
                : WorkspaceFiles.resolveAll(workspace.toPath(), metadataArtifacts, "metadataArtifacts");
        return new Found(primary, expansion, metadata);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
