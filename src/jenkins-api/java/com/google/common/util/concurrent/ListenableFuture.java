// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package com.google.common.util.concurrent;

import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/** Guava's, as Jenkins core bundles it; only the return type of {@code StepContext.saveState()} here. */
public interface ListenableFuture<V> extends Future<V> {
    void addListener(Runnable listener, Executor executor);
}
