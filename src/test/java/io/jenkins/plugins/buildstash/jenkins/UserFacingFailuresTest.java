package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.runner.UploadRunner;
import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseRunner;
import io.jenkins.plugins.buildstash.jenkins.runner.UploadParameters;
import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseParameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hudson.EnvVars;
import io.jenkins.plugins.buildstash.upload.Uploader;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Jenkins prints the stack trace of any exception a step throws, except {@code AbortException}. Every failure of the
 * plugin whose message is written for the build log must therefore reach the user through an AbortException: the
 * runner catches each such type, read from the compiled classes.
 */
class UserFacingFailuresTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.buildstash");

    @Test
    void everyFailureWrittenForTheLogBecomesAnAbortExceptionInTheRunner() {
        // The overload that tracks the pending upload does the work; the other only passes Tracker.NONE to it.
        JavaMethod upload = CLASSES.get(UploadRunner.class).getMethod("run", Run.class, FilePath.class, EnvVars.class,
                TaskListener.class, UploadParameters.class, Uploader.Tracker.class);
        JavaMethod release = CLASSES.get(ReleaseRunner.class).getMethod("run", Run.class, FilePath.class,
                TaskListener.class, ReleaseParameters.class);
        Set<JavaClass> caught = java.util.stream.Stream.of(upload, release)
                .flatMap(m -> m.getTryCatchBlocks().stream())
                .map(TryCatchBlock::getCaughtThrowables)
                .flatMap(Set::stream)
                .collect(Collectors.toSet());
        assertThat(caught).extracting(JavaClass::getSimpleName).contains("UploadFailure", "BuildstashException",
                "FileSelectionException", "ReleaseException");

        // Any other IOException the plugin declares must be one of those, or the log would show its stack trace.
        List<String> uncaught = CLASSES.stream()
                .filter(c -> c.isAssignableTo(IOException.class) && c.getPackageName().startsWith("io.jenkins.plugins"))
                .filter(c -> caught.stream().noneMatch(handled -> c.isAssignableTo(handled.getName())))
                .map(JavaClass::getName)
                .toList();
        assertThat(uncaught).isEmpty();
    }
}
