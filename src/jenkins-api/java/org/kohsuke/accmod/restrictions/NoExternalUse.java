// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.kohsuke.accmod.restrictions;

/** Its one method takes the checker's types and is left out. */
public class NoExternalUse extends DoNotUse {
}
