// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

/**
 * Only named by the Job and AbstractProject constructors. The real interface extends FullyNamed, FullyNamedModelObject
 * and PersistenceRoot; nothing here uses them or its members.
 */
public interface ItemGroup<T extends Item> {}
