// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;
import hudson.model.Saveable;
import java.io.IOException;

/**
 * workflow-api: one node of a Pipeline's flow graph (a step, a stage). Its constructors, protected and taking a
 * FlowExecution, are never called by us (rule 9); we only add actions to the node a step context hands out.
 */
public abstract class FlowNode extends Actionable implements Saveable {
    private FlowNode() {}

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
