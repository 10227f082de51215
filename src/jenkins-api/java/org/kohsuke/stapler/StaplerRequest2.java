// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.kohsuke.stapler;

/** The real interface extends jakarta.servlet.http.HttpServletRequest, which nothing of ours depends on. */
public interface StaplerRequest2 {}
