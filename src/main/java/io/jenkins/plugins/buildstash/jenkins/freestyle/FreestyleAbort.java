package io.jenkins.plugins.buildstash.jenkins.freestyle;

import hudson.AbortException;
import hudson.model.Executor;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;

/**
 * An aborted Freestyle build during a post-build action. Core reports an exception from a post-build action as
 * "aborted due to exception" with its stack trace and marks the build FAILURE; for a build step it does what is done
 * here (Run.execute): the result the abort asked for (usually ABORTED), who aborted it, and one line.
 */
final class FreestyleAbort {

    private FreestyleAbort() {}

    static AbortException of(Run<?, ?> run, TaskListener listener, String message) {
        Executor executor = Executor.currentExecutor();
        if (executor == null) {
            // Not on an executor thread: nobody else will record the abort, so keep the interrupt for the caller.
            Thread.currentThread().interrupt();
            run.setResult(Result.ABORTED);
        } else {
            // abortResult() clears the interrupt as core's own handling does: the build goes on to its remaining
            // post-build actions and ends with this result (a worse result than FAILURE, so it stays).
            run.setResult(executor.abortResult());
            executor.recordCauseOfInterruption(run, listener);
        }
        return new AbortException(message);
    }
}
