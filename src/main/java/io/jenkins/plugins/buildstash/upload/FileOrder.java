package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;

/**
 * One file for the file side to send: where it is on that machine, what the key side announced to Buildstash, and for
 * a multipart file its part plan. The presigned URLs are not here: the file side asks for them through a
 * {@link UrlSource} as it goes.
 *
 * @param path the file's path on the machine that holds it (the agent in Jenkins)
 * @param partSize bytes per part (the last part may be shorter); 0 for a single PUT
 * @param partCount number of parts; 0 for a single PUT
 */
public record FileOrder(FileRole role, int index, String path, String name, long size, long partSize, int partCount)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static FileOrder single(FileRole role, int index, String path, String name, long size) {
        return new FileOrder(role, index, path, name, size, 0, 0);
    }

    public static FileOrder multipart(FileRole role, int index, String path, String name, long size, long partSize,
            int partCount) {
        return new FileOrder(role, index, path, name, size, partSize, partCount);
    }

    public boolean isMultipart() {
        return partCount > 0;
    }

    /** Offset of part {@code number} (from 1), in 64-bit arithmetic: files reach tens of GB. */
    public long partOffset(int number) {
        return (number - 1L) * partSize;
    }

    public long partLength(int number) {
        return Math.min(partSize, size - partOffset(number));
    }
}
