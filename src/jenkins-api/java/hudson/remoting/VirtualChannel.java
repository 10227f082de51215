// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.remoting;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.Nullable;

/** Only what the plugin uses of the remoting channel: exporting an object the other side may call. */
public interface VirtualChannel {
    @Nullable
    <T> T export(Class<T> type, @CheckForNull T instance);
}
