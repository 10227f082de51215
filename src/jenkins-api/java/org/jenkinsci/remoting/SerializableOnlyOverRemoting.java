// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.jenkinsci.remoting;

import java.io.Serializable;

/** In remoting, not core. Its one default method, getChannelForSerialization, is restricted and left out. */
public interface SerializableOnlyOverRemoting extends Serializable {}
