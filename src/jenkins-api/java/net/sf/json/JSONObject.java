// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package net.sf.json;

/**
 * json-lib 2.4-jenkins-15, as core 2.541.3 bundles it. The real class also extends AbstractJSON and implements JSON,
 * Map and Comparable, which nothing of ours depends on; its public constructors are never called by us (rule 9).
 */
public final class JSONObject {
    private JSONObject() {}

    public String optString(String key, String defaultValue) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
