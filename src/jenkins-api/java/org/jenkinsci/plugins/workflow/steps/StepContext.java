// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;
import java.io.Serializable;

/**
 * The real class also implements Guava's {@code FutureCallback<Object>}; {@code onFailure} is declared here instead,
 * which gives the same method reference ({@code StepContext.onFailure(Throwable)}) to the code that calls it.
 */
public abstract class StepContext implements Serializable {
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(Object result);

    public abstract void onFailure(Throwable t);

    public abstract ListenableFuture<Void> saveState();
}
