// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;

/**
 * The real interface also extends PersistenceRoot, FullyNamedModelObject, SearchableModelObject, FullyNamed and Named;
 * getFullDisplayName is declared by FullyNamedModelObject and inherited, declared here instead.
 */
public interface Item extends AccessControlled, OnMaster {
    String getName();

    String getFullName();

    String getFullDisplayName();

    String getUrl();

    Permission CONFIGURE = null;
    Permission EXTENDED_READ = null;
    Permission READ = null;
}
