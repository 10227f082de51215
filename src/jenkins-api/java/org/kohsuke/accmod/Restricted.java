// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.kohsuke.accmod;

import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;

/**
 * access-modifier-annotation 1.35, as core 2.541.3 bundles it. The real annotation is also meta-annotated
 * {@code @org.jvnet.hudson.annotation_indexer.Indexed}, which only adds an index nothing of ours reads; it has no
 * {@code @Target}.
 */
@Retention(RUNTIME)
@Documented
public @interface Restricted {
    Class<? extends AccessRestriction>[] value();
}
