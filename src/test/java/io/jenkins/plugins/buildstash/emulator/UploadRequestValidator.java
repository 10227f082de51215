package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.Model.Application;
import io.jenkins.plugins.buildstash.emulator.Model.CustomTarget;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code POST /upload/request} (brief §5.2, the spec's request schema): 422
 * {@code {message, errors:{field:[...]}}} with dotted names for nested fields ({@code primary_file.size_bytes}).
 */
final class UploadRequestValidator {

    /** A declared file: its name and size. */
    record DeclaredFile(String filename, long size) {}

    /** A request that passed every rule. */
    record UploadRequest(Application application, BuildDraft draft, DeclaredFile primary, DeclaredFile expansion) {}

    static final long MAX_FILE_SIZE = 500_000_000_000L;
    private static final Pattern STREAM = Pattern.compile("^[\\w\\-+]+$");
    private static final Pattern FILENAME = Pattern.compile("^[^/\\x00]+$");
    private static final Pattern VERSION_LABEL = Pattern.compile("^[a-zA-Z0-9\\-]+(\\.[a-zA-Z0-9\\-]+)*$");
    private static final Pattern BUILD_NUMBER = Pattern.compile("^[a-zA-Z0-9._-]*$");
    private static final Set<String> STRUCTURES = Set.of("file", "file+expansion");

    private final EmulatorState state;

    UploadRequestValidator(EmulatorState state) {
        this.state = state;
    }

    UploadRequest validate(ObjectNode body, ApiKey key) {
        FieldRules rules = new FieldRules();
        Application application = application(body, key, rules);
        String structure = rules.oneOf(body, "structure", true, STRUCTURES);
        String platform = rules.oneOf(body, "platform", true, Catalog.PLATFORMS.keySet());
        String source = rules.oneOf(body, "source", true, Catalog.SOURCES);
        String streamName = rules.string(body, "stream", "stream", true, 12, STREAM);
        String streamId = null;
        if (streamName != null && application != null) {
            streamId = state.stream(application.id(), streamName).map(Model.Stream::id).orElse(null);
            if (streamId == null) {
                rules.fail("stream", "The selected stream is invalid: no stream named '" + streamName
                        + "' exists in this application.");
            }
        }
        String customTargetName = rules.string(body, "custom_target", "custom_target", false, 20, null);
        String customTargetId = null;
        if (customTargetName != null && application != null) {
            customTargetId = state.customTargets(application.id()).stream()
                    .filter(target -> target.name().equals(customTargetName))
                    .map(CustomTarget::id)
                    .findFirst()
                    .orElse(null);
            if (customTargetId == null) {
                rules.fail("custom_target", "The selected custom_target is invalid.");
            }
        }
        DeclaredFile primary = primaryFile(body, rules);
        DeclaredFile expansion = expansionFile(body, structure, rules);
        if (expansion != null && primary != null && !isObbBesideApk(platform, primary, expansion)) {
            // The file types of the docs (brief §9.5): "obb, only together with an apk primary on android".
            rules.fail("expansion_files.0.filename", "An expansion file must be an .obb beside an .apk primary file on"
                    + " platform android.");
        }
        Version version = version(body, rules);
        String buildNumber = rules.string(body, "custom_build_number", "custom_build_number", false, 100, BUILD_NUMBER);
        List<String> labels = rules.strings(body, "labels", 10);
        List<String> architectures = architectures(body, platform, rules);
        String notes = rules.string(body, "notes", "notes", false, 1000, null);
        Model.CiInfo ci = new Model.CiInfo(
                rules.string(body, "ci_pipeline", "ci_pipeline", false, 100, null),
                null,
                rules.string(body, "ci_run_id"),
                rules.string(body, "ci_run_url"),
                rules.string(body, "ci_build_duration"));
        Model.ScmInfo scm = new Model.ScmInfo(
                rules.oneOf(body, "vc_host_type", false, Catalog.VC_HOST_TYPES),
                rules.oneOf(body, "vc_host", false, Catalog.VC_HOSTS),
                rules.string(body, "vc_repo_name", "vc_repo_name", false, 200, null),
                rules.string(body, "vc_repo_url"),
                rules.string(body, "vc_branch", "vc_branch", false, 100, null),
                rules.string(body, "vc_commit_sha", "vc_commit_sha", false, 40, null),
                rules.string(body, "vc_commit_url"));
        if (rules.hasErrors()) {
            throw ApiError.validation(rules.errors());
        }
        BuildDraft draft = new BuildDraft(structure, platform, streamId, version, buildNumber, labels, architectures,
                notes, customTargetId, source, ci, scm);
        return new UploadRequest(application, draft, primary, expansion);
    }

    /**
     * The application the upload goes to. An application key implies its own; naming another is 403 (the spec is
     * silent, G1). A workspace key must name one.
     */
    private Application application(ObjectNode body, ApiKey key, FieldRules rules) {
        String named = rules.string(body, "application_id");
        if (key.isApplicationKey()) {
            if (named != null && !named.equals(key.applicationId())) {
                throw ApiError.forbidden("This API key does not have access to this application.");
            }
            return state.application(key.applicationId()).orElseThrow();
        }
        if (named == null) {
            if (!rules.failed("application_id")) {
                rules.fail("application_id", "The application_id field is required when using a workspace API key.");
            }
            return null;
        }
        Application application = state.application(named).orElse(null);
        if (application == null) {
            rules.fail("application_id", "The selected application_id is invalid.");
        }
        return application;
    }

    private static DeclaredFile primaryFile(ObjectNode body, FieldRules rules) {
        JsonNode node = body.get("primary_file");
        if (FieldRules.absent(node)) {
            rules.fail("primary_file", "The primary_file field is required.");
            return null;
        }
        if (!node.isObject()) {
            rules.fail("primary_file", "The primary_file field must be an object.");
            return null;
        }
        return declaredFile(node, "primary_file", rules);
    }

    private static boolean isObbBesideApk(String platform, DeclaredFile primary, DeclaredFile expansion) {
        return "android".equals(platform) && primary.filename() != null && expansion.filename() != null
                && primary.filename().toLowerCase(java.util.Locale.ROOT).endsWith(".apk")
                && expansion.filename().toLowerCase(java.util.Locale.ROOT).endsWith(".obb");
    }

    private static DeclaredFile expansionFile(ObjectNode body, String structure, FieldRules rules) {
        JsonNode node = body.get("expansion_files");
        boolean given = !FieldRules.absent(node) && !(node.isArray() && node.isEmpty());
        if (!"file+expansion".equals(structure)) {
            if (given && structure != null) {
                rules.fail("expansion_files", "The expansion_files field is prohibited unless structure is"
                        + " file+expansion.");
            }
            return null;
        }
        if (!given) {
            rules.fail("expansion_files", "The expansion_files field is required when structure is file+expansion.");
            return null;
        }
        if (!node.isArray()) {
            rules.fail("expansion_files", "The expansion_files field must be an array.");
            return null;
        }
        if (node.size() > 1) {
            rules.fail("expansion_files", "The expansion_files field must not have more than 1 items.");
            return null;
        }
        if (!node.get(0).isObject()) {
            rules.fail("expansion_files.0", "The expansion_files.0 field must be an object.");
            return null;
        }
        return declaredFile(node.get(0), "expansion_files.0", rules);
    }

    private static DeclaredFile declaredFile(JsonNode node, String prefix, FieldRules rules) {
        String filename = rules.string(node, "filename", prefix + ".filename", true, 255, FILENAME);
        Long size = rules.integer(node, "size_bytes", prefix + ".size_bytes", true, 1, MAX_FILE_SIZE);
        return filename == null || size == null ? null : new DeclaredFile(filename, size);
    }

    private static Version version(ObjectNode body, FieldRules rules) {
        Long major = rules.integer(body, "version_component_1_major", "version_component_1_major", true, 0, 9999);
        Long minor = rules.integer(body, "version_component_2_minor", "version_component_2_minor", true, 0, 9999);
        Long patch = rules.integer(body, "version_component_3_patch", "version_component_3_patch", true, 0, 9999);
        String extra = rules.string(body, "version_component_extra", "version_component_extra", false, 25,
                VERSION_LABEL);
        String meta = rules.string(body, "version_component_meta", "version_component_meta", false, 64,
                VERSION_LABEL);
        if (major == null || minor == null || patch == null) {
            return null;
        }
        if (major == 0 && minor == 0 && patch == 0) {
            rules.fail("version_component_1_major", "At least one of version_component_1_major,"
                    + " version_component_2_minor and version_component_3_patch must be greater than 0.");
            return null;
        }
        return new Version(major.intValue(), minor.intValue(), patch.intValue(), extra, meta);
    }

    private static List<String> architectures(ObjectNode body, String platform, FieldRules rules) {
        List<String> values = rules.strings(body, "architectures", 15);
        if (values == null) {
            return null;
        }
        for (int i = 0; i < values.size(); i++) {
            String architecture = values.get(i);
            String field = "architectures." + i;
            if (!Catalog.ARCHITECTURES.containsKey(architecture)) {
                rules.fail(field, "The selected " + field + " is invalid.");
            } else if (platform != null && !platform.equals("macos")
                    && Catalog.MACOS_ONLY_ARCHITECTURES.contains(architecture)) {
                rules.fail(field, "The architecture " + architecture + " is not supported on platform " + platform
                        + ".");
            }
        }
        return values;
    }
}
