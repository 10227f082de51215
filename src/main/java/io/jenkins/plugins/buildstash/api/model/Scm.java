package io.jenkins.plugins.buildstash.api.model;


/** The source revision a build came from. */
public record Scm(String scmHostType, String scmHost, String scmRepoName, String scmRepoUrl, String scmBranch, String scmCommitSha, String scmCommitShaShort, String scmCommitUrl) {}
