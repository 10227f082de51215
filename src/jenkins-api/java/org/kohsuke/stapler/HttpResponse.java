// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.kohsuke.stapler;

/** Its one method takes Stapler's request and response types, which this plugin never touches; left out. */
public interface HttpResponse {}
