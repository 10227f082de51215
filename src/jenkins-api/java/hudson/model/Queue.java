// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

/** Only the nested Task interface is used; the real Queue extends ResourceController and implements Saveable. */
public class Queue {
    private Queue() {}

    /** The real interface extends FullyNamedModelObject and SubTask. */
    public interface Task extends ModelObject {}
}
