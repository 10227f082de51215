package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import java.io.IOException;
import java.util.List;

/**
 * How the file side gets presigned URLs from the key side, which alone can call the API. In Jenkins the file side runs
 * on the agent and holds a remoting proxy of this interface: URLs reach the agent only as answers to these calls, just
 * before they are used, so neither the key nor a signed URL is ever part of the serialised transfer order. The key
 * side checks every request against its own plan and computes part lengths itself.
 */
public interface UrlSource {

    /** The presigned PUT (URL and signed headers) for a file sent in one request. */
    PresignedRequest singlePut(FileRole role, int fileIndex) throws IOException, InterruptedException;

    /**
     * Presigns parts {@code first} to {@code first + count - 1} of a multipart file.
     *
     * @param role {@link FileRole#PRIMARY} or {@link FileRole#EXPANSION}
     * @param fileIndex which file of that role (0 for the primary)
     */
    List<PartTarget> parts(FileRole role, int fileIndex, int first, int count) throws IOException, InterruptedException;
}
