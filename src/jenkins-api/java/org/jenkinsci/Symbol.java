// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.jenkinsci;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The real annotation is meta-annotated {@code @Indexed} (annotation-indexer, not on Maven Central); our index of it,
 * {@code META-INF/services/annotations/org.jenkinsci.Symbol}, is checked in and kept in sync by a test.
 */
@Retention(RUNTIME)
@Target(TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
