package io.jenkins.plugins.buildstash;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client, the upload engine, file selection, CI detection and release fetching run anywhere, agents included, and
 * are tested without Jenkins.
 */
class ArchitectureTest {

    /** Packages that must never see a Jenkins type. */
    static final String[] PLAIN_JAVA = {
        "io.jenkins.plugins.buildstash.api..",
        "io.jenkins.plugins.buildstash.upload..",
        "io.jenkins.plugins.buildstash.files..",
        "io.jenkins.plugins.buildstash.ci..",
        "io.jenkins.plugins.buildstash.release.."
    };

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.buildstash");
    }

    @Test
    void clientAndUploadEngineImportNoJenkinsType() {
        noClasses()
                .that()
                .resideInAnyPackage(PLAIN_JAVA)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..")
                .because("the client and the upload engine are plain Java that tests drive without Jenkins")
                .check(production);
    }

    @Test
    void clientAndUploadEngineDoNotReachIntoTheJenkinsLayer() {
        noClasses()
                .that()
                .resideInAnyPackage(PLAIN_JAVA)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.jenkins.plugins.buildstash.jenkins..")
                .check(production);
    }

    @Test
    void productionCodeDoesNotPrintToTheConsole() {
        noClasses()
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because("Jenkins output goes to the build log through a TaskListener, never to the controller's stdout")
                .check(production);
    }

    @Test
    void agentCallablesNeverReachTheKey() {
        noClasses()
                .that()
                .resideInAPackage("io.jenkins.plugins.buildstash.jenkins.agent..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.cloudbees.plugins.credentials..",
                        "org.jenkinsci.plugins.plaincredentials..",
                        "io.jenkins.plugins.buildstash.jenkins.config..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.jenkins.plugins.buildstash.api.ApiKey")
                .because("what runs on an agent is sent there; the API key and what resolves it stay on the controller")
                .check(production);
    }
}
