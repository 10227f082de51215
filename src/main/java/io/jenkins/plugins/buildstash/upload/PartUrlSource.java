package io.jenkins.plugins.buildstash.upload;

import java.io.IOException;
import java.util.List;

/**
 * How the file side gets part URLs from the key side, which alone can call the API. In Jenkins the file side runs on
 * the agent and holds a remoting proxy of this interface, so arguments and results are serialisable values and the key
 * never leaves the controller. The key side computes each part's length itself from its own plan.
 */
public interface PartUrlSource {

    /**
     * Presigns parts {@code first} to {@code first + count - 1} of a file of the transfer.
     *
     * @param role {@link FileRole#PRIMARY} or {@link FileRole#EXPANSION}
     * @param fileIndex which file of that role (0 for the primary)
     */
    List<PartTarget> presign(FileRole role, int fileIndex, int first, int count) throws IOException, InterruptedException;
}
