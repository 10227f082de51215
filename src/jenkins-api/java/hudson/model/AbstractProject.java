// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

/** Only used as the raw type in BuildStepDescriptor.isApplicable; the real class implements more interfaces. */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
    @SuppressWarnings("rawtypes")
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
    }
}
