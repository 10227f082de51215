package io.jenkins.plugins.buildstash.upload;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file as the key side knows it: where it lies on the machine that will send it, the name Buildstash will show, and
 * its size and modification time when it was found (the file side checks that neither changes until it is sent).
 *
 * @param modifiedMillis the modification time in milliseconds since the epoch, or {@link #MODIFIED_UNKNOWN}
 */
public record LocalFile(String path, String name, long size, long modifiedMillis) implements Serializable {

    private static final long serialVersionUID = 2L;

    /** No modification time was taken: only the size is compared. */
    public static final long MODIFIED_UNKNOWN = Long.MIN_VALUE;

    public LocalFile(String path, String name, long size) {
        this(path, name, size, MODIFIED_UNKNOWN);
    }

    /** The file at {@code path} as it is now, named after its last path element. */
    public static LocalFile of(Path path) throws IOException {
        Path name = path.getFileName();
        if (name == null) {
            throw new IOException(path + " is a file system root, not a file");
        }
        return found(path, name.toString());
    }

    /** The file at {@code path} as it is now, under the name Buildstash will show. */
    public static LocalFile found(Path path, String name) throws IOException {
        return new LocalFile(path.toAbsolutePath().toString(), name, Files.size(path),
                Files.getLastModifiedTime(path).toMillis());
    }
}
