package io.jenkins.plugins.buildstash.upload;

import java.util.function.Predicate;

/**
 * The file side sends bytes with {@code java.net.http.HttpClient}. A Java runtime built with jlink may lack the
 * {@code java.net.http} module; without this check the first use fails with a bare {@code NoClassDefFoundError}. It
 * runs on the agent before anything else, so the build log names the module, the runtime and what to do.
 */
public final class HttpRuntime {

    public static final String MODULE = "java.net.http";

    private static final Predicate<String> BOOT_LAYER = name -> ModuleLayer.boot().findModule(name).isPresent();

    private HttpRuntime() {}

    /** Fails with a clear message when this JVM's boot layer lacks {@code java.net.http}. */
    public static void require(String where) throws UploadFailure {
        require(BOOT_LAYER, where, System.getProperty("java.home"), Runtime.version().toString());
    }

    /**
     * @param moduleProbe whether a module of that name is in the runtime (tests inject one)
     * @param where the machine, as the build log names it ("the agent 'mac-2'")
     */
    static void require(Predicate<String> moduleProbe, String where, String javaHome, String javaVersion)
            throws UploadFailure {
        if (!moduleProbe.test(MODULE)) {
            throw missing(where, javaHome, javaVersion);
        }
    }

    /** The failure to report for a {@code NoClassDefFoundError} of a {@code java.net.http} class, or null for any other error. */
    public static UploadFailure explain(Throwable error, String where) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof NoClassDefFoundError && t.getMessage() != null
                    && t.getMessage().replace('.', '/').contains("java/net/http/")) {
                return missing(where, System.getProperty("java.home"), Runtime.version().toString());
            }
        }
        return null;
    }

    static UploadFailure missing(String where, String javaHome, String javaVersion) {
        return new UploadFailure("The Java runtime of " + where + " (" + javaHome + ", Java " + javaVersion
                + ") has no " + MODULE + " module, which the Buildstash plugin needs to send files to storage. Run"
                + " the agent on a full JDK or JRE 17 or newer, or, if its runtime is built with jlink, add the module"
                + " (jlink --add-modules " + MODULE + ",...)");
    }
}
