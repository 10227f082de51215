package io.jenkins.plugins.buildstash.upload;

import java.util.List;

/** The upload was refused before anything was sent to Buildstash, for every listed reason. */
public final class InvalidUploadException extends UploadFailure {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidUploadException(List<String> problems) {
        super(problems.size() == 1
                ? "Not uploaded: " + problems.get(0)
                : "Not uploaded, " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
