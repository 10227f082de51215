// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.kohsuke.accmod;

/** Its abstract methods take the checker's own types, which nothing of ours uses; left out. */
public abstract class AccessRestriction {
}
