// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {}
