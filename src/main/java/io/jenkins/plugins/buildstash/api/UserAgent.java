package io.jenkins.plugins.buildstash.api;

/** The User-Agent of every call, so that Buildstash can tell this plugin and its version apart in its logs. */
public final class UserAgent {

    public static final String PRODUCT = "buildstash-uploader-jenkins-plugin";

    /** e.g. {@code buildstash-uploader-jenkins-plugin/1.0.0 (Java 17.0.15)}; "dev" outside a packaged jar. */
    public static final String DEFAULT = PRODUCT + "/" + version() + " (Java " + System.getProperty("java.version") + ")";

    private UserAgent() {}

    private static String version() {
        String v = UserAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
