package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;
import java.util.List;

/**
 * What to tell Buildstash about the build, under the names the Jenkins steps use. Blank strings count as unset.
 * {@link UploadValidator} checks them against the API's rules before anything is sent.
 */
public record UploadOptions(
        String applicationId,
        String platform,
        String stream,
        Integer versionMajor,
        Integer versionMinor,
        Integer versionPatch,
        String versionExtra,
        String versionMeta,
        String customBuildNumber,
        List<String> labels,
        List<String> architectures,
        String notes,
        String customTarget,
        CiInfo ci,
        VcsInfo vcs)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public UploadOptions {
        applicationId = TextInputs.blankToNull(applicationId);
        platform = TextInputs.blankToNull(platform);
        stream = TextInputs.blankToNull(stream);
        versionExtra = TextInputs.blankToNull(versionExtra);
        versionMeta = TextInputs.blankToNull(versionMeta);
        customBuildNumber = TextInputs.blankToNull(customBuildNumber);
        notes = notes == null || notes.isBlank() ? null : notes;
        customTarget = TextInputs.blankToNull(customTarget);
        labels = cleaned(labels);
        architectures = cleaned(architectures);
        ci = ci == null ? CiInfo.NONE : ci;
        vcs = vcs == null ? VcsInfo.NONE : vcs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** "1.2.3-beta+42", for log lines and the build page. */
    public String version() {
        return versionMajor + "." + versionMinor + "." + versionPatch
                + (versionExtra == null ? "" : "-" + versionExtra)
                + (versionMeta == null ? "" : "+" + versionMeta);
    }


    private static List<String> cleaned(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    }

    /** Builds {@link UploadOptions}; every setter is optional. */
    public static final class Builder {
        private String applicationId;
        private String platform;
        private String stream;
        private Integer versionMajor;
        private Integer versionMinor;
        private Integer versionPatch;
        private String versionExtra;
        private String versionMeta;
        private String customBuildNumber;
        private List<String> labels = List.of();
        private List<String> architectures = List.of();
        private String notes;
        private String customTarget;
        private CiInfo ci = CiInfo.NONE;
        private VcsInfo vcs = VcsInfo.NONE;

        private Builder() {}

        public Builder applicationId(String v) {
            applicationId = v;
            return this;
        }

        public Builder platform(String v) {
            platform = v;
            return this;
        }

        public Builder stream(String v) {
            stream = v;
            return this;
        }

        public Builder version(Integer major, Integer minor, Integer patch) {
            versionMajor = major;
            versionMinor = minor;
            versionPatch = patch;
            return this;
        }

        public Builder versionExtra(String v) {
            versionExtra = v;
            return this;
        }

        public Builder versionMeta(String v) {
            versionMeta = v;
            return this;
        }

        public Builder customBuildNumber(String v) {
            customBuildNumber = v;
            return this;
        }

        public Builder labels(List<String> v) {
            labels = v;
            return this;
        }

        public Builder architectures(List<String> v) {
            architectures = v;
            return this;
        }

        public Builder notes(String v) {
            notes = v;
            return this;
        }

        public Builder customTarget(String v) {
            customTarget = v;
            return this;
        }

        public Builder ci(CiInfo v) {
            ci = v;
            return this;
        }

        public Builder vcs(VcsInfo v) {
            vcs = v;
            return this;
        }

        public UploadOptions build() {
            return new UploadOptions(applicationId, platform, stream, versionMajor, versionMinor, versionPatch,
                    versionExtra, versionMeta, customBuildNumber, labels, architectures, notes, customTarget, ci, vcs);
        }
    }
}
