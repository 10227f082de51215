// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.kohsuke.accmod.restrictions;

import org.kohsuke.accmod.AccessRestriction;

/** Declared as the superclass of {@link NoExternalUse}; its methods take the checker's types and are left out. */
public class DoNotUse extends AccessRestriction {
}
