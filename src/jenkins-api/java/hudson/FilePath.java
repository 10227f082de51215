// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    private FilePath() {}

    public String getRemote() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public String getName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
