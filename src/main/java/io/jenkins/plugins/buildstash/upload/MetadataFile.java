package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;

/** A metadata artifact (log, test report, SBOM...) attached to the build, with an optional description. */
public record MetadataFile(LocalFile file, String description) implements Serializable {

    private static final long serialVersionUID = 1L;
}
