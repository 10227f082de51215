package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A file that changed, or vanished, between being found and being sent in full. It is never retried: sending it again
 * would upload a file other than the one announced, or a file still being written. Thrown through the retrier (hence a
 * {@link BuildstashException}), so that a body cut short by a truncated file is reported as what it is rather than as
 * a broken connection.
 */
public final class FileChangedException extends BuildstashException {

    private static final long serialVersionUID = 1L;

    private FileChangedException(String message) {
        super(message, "read", null, Failure.of(Failure.Type.PERMANENT));
    }

    /** Compares the file on disk with the size and modification time it had when it was found. */
    static void check(FileOrder file) throws FileChangedException {
        Path path = Path.of(file.path());
        String named = "The " + file.role().label() + " " + file.name();
        long size;
        long modified;
        try {
            size = Files.size(path);
            modified = Files.getLastModifiedTime(path).toMillis();
        } catch (NoSuchFileException e) {
            throw new FileChangedException(named + " is gone from " + path + ": it was deleted while it was being"
                    + " uploaded, so the upload was stopped. Upload it after the build has finished with it");
        } catch (IOException e) {
            throw new FileChangedException(named + " can no longer be read at " + path + " (" + e.getMessage()
                    + "), so the upload was stopped. Check that nothing removes or locks it while it is uploaded");
        }
        if (size != file.size()) {
            throw new FileChangedException(named + " changed while it was being uploaded: it is now " + size
                    + " bytes, it was " + file.size() + " when the upload was announced, so the upload was stopped."
                    + " Upload it after the build has finished writing it");
        }
        if (file.modifiedMillis() != LocalFile.MODIFIED_UNKNOWN && modified != file.modifiedMillis()) {
            throw new FileChangedException(named + " changed while it was being uploaded: it was modified at "
                    + Instant.ofEpochMilli(modified) + ", after it was found (modified at "
                    + Instant.ofEpochMilli(file.modifiedMillis()) + "), so the upload was stopped. Upload it after the"
                    + " build has finished writing it");
        }
    }
}
