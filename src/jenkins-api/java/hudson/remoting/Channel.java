// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.remoting;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The remoting channel to an agent. The real class also implements {@code IChannel} (package-private) and
 * {@code Closeable}, which nothing of ours depends on; its constructors are deprecated and nothing of ours calls them.
 */
public class Channel implements VirtualChannel {
    private Channel() {}

    /** The channel whose objects are being serialised or deserialised on this thread, or null. */
    @CheckForNull
    public static Channel current() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public <T> T export(Class<T> type, T instance) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public String getName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public boolean isClosingOrClosed() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @CheckForNull
    public Throwable getCloseRequestCause() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
