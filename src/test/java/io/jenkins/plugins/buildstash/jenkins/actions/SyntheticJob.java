package io.jenkins.plugins.buildstash.jenkins.actions;

import hudson.model.Job;
import hudson.model.Run;
import java.io.File;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job for plain tests and the job-page benchmark: a folder of its own and a number of builds it never loads. Asking
 * it for a build counts a load (in Jenkins each one may read a build.xml) and fails, so a caller that touches builds
 * is caught.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class SyntheticJob extends Job {

    final AtomicInteger buildsLoaded = new AtomicInteger();
    private final File rootDir;
    private final int builds;

    SyntheticJob(File rootDir, int builds) {
        super(null, rootDir.getName());
        this.rootDir = rootDir;
        this.builds = builds;
    }

    int builds() {
        return builds;
    }

    @Override
    public File getRootDir() {
        return rootDir;
    }

    @Override
    public Run getLastBuild() {
        buildsLoaded.incrementAndGet();
        throw new IllegalStateException("the job page loaded a build");
    }

    @Override
    public Run getLastCompletedBuild() {
        buildsLoaded.incrementAndGet();
        throw new IllegalStateException("the job page loaded a build");
    }
}
