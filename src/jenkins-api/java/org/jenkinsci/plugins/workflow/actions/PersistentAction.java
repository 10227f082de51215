// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

public interface PersistentAction extends Action {}
