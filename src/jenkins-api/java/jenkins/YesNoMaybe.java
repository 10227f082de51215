// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
