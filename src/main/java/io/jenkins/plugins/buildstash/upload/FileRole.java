package io.jenkins.plugins.buildstash.upload;

/** What a transferred file is to Buildstash. */
public enum FileRole {
    PRIMARY("primary file"),
    EXPANSION("expansion file"),
    METADATA("metadata artifact");

    private final String label;

    FileRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
