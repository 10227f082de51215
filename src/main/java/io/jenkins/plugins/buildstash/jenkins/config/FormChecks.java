package io.jenkins.plugins.buildstash.jenkins.config;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildstash.files.WorkspaceFiles;
import io.jenkins.plugins.buildstash.release.ReleaseSelection;
import io.jenkins.plugins.buildstash.release.TargetLayout;
import io.jenkins.plugins.buildstash.upload.InvalidUploadException;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import io.jenkins.plugins.buildstash.upload.UploadValidator;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Form validation shared by the steps and their Freestyle counterparts. Every check first asks whether the user may
 * configure the job; the rules themselves are those the run applies ({@link UploadValidator}, {@link TargetLayout},
 * {@link ReleaseSelection}), so the form and the run say the same thing.
 */
public final class FormChecks {

    private FormChecks() {}

    /** Configure permission on the job, or Administer when there is no job (global pages). */
    static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    public static ListBoxModel credentialItems(Item item, String current) {
        return BuildstashCredentials.items(item, current, BuildstashGlobalConfiguration.get().getBaseUrl());
    }

    public static FormValidation credentials(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        if ((value == null || value.isBlank()) && BuildstashGlobalConfiguration.get().getCredentialsId() == null) {
            return FormValidation.warning("No default credentials are set in Manage Jenkins › System › Buildstash:"
                    + " choose the credentials that hold the API key");
        }
        return BuildstashCredentials.check(item, value);
    }

    /**
     * A file pattern, checked as the run checks it before looking at the workspace ({@code ..} and absolute paths
     * are refused). {@code required}: whether a blank value is an error ({@code file}) or means "none".
     */
    public static FormValidation filePattern(Item item, String value, String option, boolean required) {
        if (!mayConfigure(item) || (!required && (value == null || value.isBlank()))) {
            return FormValidation.ok();
        }
        return result(expressionOr(value, WorkspaceFiles.patternProblems(value, option)));
    }

    public static FormValidation platform(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return value == null || value.isBlank()
                ? FormValidation.error("platform is required, e.g. android, ios, windows, macos, linux")
                : result(expressionOr(value, UploadValidator.platform(value)));
    }

    public static FormValidation stream(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return value == null || value.isBlank()
                ? FormValidation.error("stream is required: the name of a stream of the application, e.g. production")
                : result(expressionOr(value, UploadValidator.stream(value)));
    }

    public static FormValidation versionComponent(Item item, String value) {
        if (!mayConfigure(item) || value == null || value.isBlank() || value.contains("${")) {
            return FormValidation.ok();
        }
        try {
            return result(UploadValidator.versionComponent("The value", TextInputs.wholeNumber("The value", value)));
        } catch (InvalidUploadException e) {
            return FormValidation.error(e.problems().get(0));
        }
    }

    public static FormValidation labels(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        try {
            return result(UploadValidator.labels(TextInputs.entries("labels", value)));
        } catch (InvalidUploadException e) {
            return FormValidation.error(e.problems().get(0));
        }
    }

    public static FormValidation architectures(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        try {
            return result(expressionOr(value, UploadValidator.architectures(TextInputs.entries("architectures", value))));
        } catch (InvalidUploadException e) {
            return FormValidation.error(e.problems().get(0));
        }
    }

    public static FormValidation notes(Item item, String value) {
        return mayConfigure(item) ? result(UploadValidator.notes(value)) : FormValidation.ok();
    }

    /** releaseId and version each select a release: only one of them may be set. */
    public static FormValidation releaseSelection(Item item, String releaseId, String version) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return result(new ReleaseSelection(null, releaseId, version, List.of(), List.of()).problems());
    }

    public static FormValidation targetFolder(Item item, String value) {
        return mayConfigure(item) ? result(expressionOr(value, TargetLayout.folderProblems(value))) : FormValidation.ok();
    }

    /**
     * A comma-separated list of platform identifiers. A warning, not an error: Buildstash's documentation lists more
     * platforms than its API description, and the run tells for certain.
     */
    public static FormValidation platformList(Item item, String value) {
        if (!mayConfigure(item) || value == null || value.contains("${")) {
            return FormValidation.ok();
        }
        List<String> problems = new ArrayList<>();
        for (String platform : TextInputs.list(value)) {
            problems.addAll(UploadValidator.platform(platform));
        }
        return problems.isEmpty() ? FormValidation.ok() : FormValidation.warning(String.join("; ", problems));
    }

    /** Contacts Buildstash with a stored credential: POST only, and only for users who may configure the job. */
    public static FormValidation testConnection(Item item, String credentialsId, String applicationId) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        return ConnectionCheck.run(config, item, null, credentialsId, applicationId);
    }

    private static List<String> expressionOr(String value, List<String> problems) {
        return value != null && value.contains("${") ? List.of() : problems;
    }

    private static FormValidation result(List<String> problems) {
        return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("; ", problems));
    }
}
