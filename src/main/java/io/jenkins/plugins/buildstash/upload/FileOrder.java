package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;

/**
 * One file for the file side to send: where it is on that machine, what the key side announced to Buildstash, and for
 * a multipart file its part plan. The presigned URLs are not here: the file side asks for them through a
 * {@link UrlSource} as it goes.
 *
 * @param path the file's path on the machine that holds it (the agent in Jenkins)
 * @param modifiedMillis its modification time when it was found, or {@link LocalFile#MODIFIED_UNKNOWN}
 * @param partSize bytes per part (the last part may be shorter); 0 for a single PUT
 * @param partCount number of parts; 0 for a single PUT
 */
public record FileOrder(FileRole role, int index, String path, String name, long size, long modifiedMillis,
        long partSize, int partCount) implements Serializable {

    private static final long serialVersionUID = 2L;

    public static FileOrder single(FileRole role, int index, LocalFile file) {
        return new FileOrder(role, index, file.path(), file.name(), file.size(), file.modifiedMillis(), 0, 0);
    }

    public static FileOrder multipart(FileRole role, int index, LocalFile file, long partSize, int partCount) {
        return new FileOrder(role, index, file.path(), file.name(), file.size(), file.modifiedMillis(), partSize,
                partCount);
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
