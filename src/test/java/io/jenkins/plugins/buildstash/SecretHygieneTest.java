package io.jenkins.plugins.buildstash;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.model.UploadInstructions;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.PersistedForms;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashUploadStep;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.RemotingLikeFileSide;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.MetadataFile;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret rule: no log line, exception message, stack trace, {@code toString()} or serialised form produced by the
 * suite holds an API key or a presigned URL's signature. It runs after every other test class (see
 * junit-platform.properties) and reads what they all recorded in the {@link SecretLedger}, after adding scenarios of
 * its own, so that it also means something when run alone.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretHygieneTest {

    @TempDir
    Path dir;

    @Test
    @Order(1)
    void uploadsWithFaultsAndFailuresAreRecorded() throws Exception {
        try (ApiFixture api = ApiFixture.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(1 << 20).withPartSizeMb(1))) {
            List<String> log = new ArrayList<>();
            api.emulator.faults().on("storageUploadPart").part(2).once().inject(Fault.resetAfterBodyBytes(10_000));
            api.emulator.faults().on("storageUploadPart").part(3).once().inject(Fault.expiredUrl());
            api.emulator.faults().on("requestMultipartPart").once().inject(Fault.status(503));
            BuildstashClient client = api.builder(api.seed.applicationKey()).log(SecretLedger.log("key side", log)).build();
            Uploader uploader = new Uploader(client, new RemotingLikeFileSide(SecretLedger.log("file side", log)),
                    SecretLedger.log("key side", log));
            UploadSpec spec = new UploadSpec(LocalFile.of(Files2.random(dir, "game.pak", 4L << 20, 3)), null, List.of(),
                    UploadOptions.builder().platform("windows").stream("beta").version(1, 0, 0).build(), null);
            UploadResult result = uploader.upload(spec);
            SecretLedger.observe("UploadResult.toString", result.toString());
            SecretLedger.observe("UploadResult.asMap", result.asMap().toString());
            SecretLedger.observeSerialized("UploadResult", result);
            SecretLedger.observe("UploadSpec.toString", spec.toString());

            UploadInstructions instructions = client.requestUpload(io.jenkins.plugins.buildstash.api.ClientErrorsTestAccess.request());
            SecretLedger.observe("UploadInstructions.toString", instructions.toString());
            SecretLedger.observe("ApiKey.toString", ApiKey.of(api.seed.applicationKey()).toString());
            SecretLedger.observe("BuildstashClient.toString", client.toString());
            var download = client.getBuildDownload(api.seed.applicationId(), result.buildId());
            SecretLedger.observe("BuildDownload.toString", download.toString());

            api.emulator.faults().on("storageUploadPart").always().inject(Fault.status(403));
            try {
                uploader.upload(spec);
            } catch (Exception e) {
                SecretLedger.observe("failed upload", e);
            }
            assertThat(log).isNotEmpty();
        }
    }

    @Test
    @Order(2)
    void jobConfigurationHoldsOnlyTheCredentialsId() throws Exception {
        BuildstashUploadStep step = new BuildstashUploadStep("*.apk");
        step.setCredentialsId("buildstash-key");
        SecretLedger.observe("BuildstashUploadStep fields", fields(step));
        assertThat(fields(step)).contains("credentialsId=buildstash-key");
        for (Field f : BuildstashUploadStep.class.getDeclaredFields()) {
            assertThat(f.getType().getName()).as(f.getName()).doesNotContain("ApiKey").doesNotContain("Secret");
        }
    }

    @Test
    @Order(3)
    void storedAndTransmittedFormsOfStepsActionsCallablesAndConfigurationAreRecorded() throws Exception {
        try (ApiFixture api = ApiFixture.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(1 << 20).withPartSizeMb(1))) {
            List<String> callables = new ArrayList<>();
            // What AgentFileSide sends to the agent, in its serialised form, for the build and for its metadata.
            FileSide agent = (order, urls) -> {
                callables.add(PersistedForms.transferCallable(order, urls));
                SecretLedger.observe("TransferOrder.toString", order.toString());
                return new LocalFileSide(line -> {}, api.sleeper).transfer(order, urls);
            };
            Path apk = Files2.random(dir, "game.apk", 3L << 20, 12);
            Path report = java.nio.file.Files.writeString(dir.resolve("report.xml"), "<testsuite/>");
            UploadOptions options = UploadOptions.builder().platform("android").stream("beta").version(1, 2, 3)
                    .labels(List.of("nightly")).notes("Built by Jenkins").build();
            UploadSpec spec = new UploadSpec(LocalFile.of(apk), null,
                    List.of(new MetadataFile(LocalFile.of(report), "unit tests")), options, null);
            UploadResult result = new Uploader(api.appClient(), agent, line -> {}).upload(spec);
            BuildstashRunAction action = PersistedForms.runAction(result);

            Map<String, String> forms = new LinkedHashMap<>();
            for (int i = 0; i < callables.size(); i++) {
                forms.put("transfer callable " + (i + 1) + " (serialised for the agent)", callables.get(i));
            }
            forms.put("file-finding callable (serialised for the agent)",
                    PersistedForms.resolveFilesCallable("build/**/*.apk", "build/*.obb", "reports/*.xml"));
            forms.put("build action (build.xml)", PersistedForms.xml(action));
            forms.put("build action toString", action.getUploads().toString() + action.getLatest());
            forms.put("Pipeline step (as XStream writes it)", PersistedForms.xml(configured(
                    new BuildstashUploadStep("build/**/*.apk"))));
            forms.put("Freestyle post-build action (config.xml)", PersistedForms.xml(configured(
                    new BuildstashUploadRecorder("build/**/*.apk"))));
            forms.put("global configuration (its XML file)", PersistedForms.xml(
                    PersistedForms.globalConfiguration(api.emulator.apiBaseUrl(), "buildstash-key")));
            forms.put("upload options (serialised)", serialised(options));
            forms.put("upload result (serialised)", serialised(result));
            forms.forEach(SecretLedger::observe);

            assertThat(callables).as("transfer callables: the build and its metadata artifact").hasSize(2);
            assertThat(forms.get("build action (build.xml)")).contains(result.buildId());
            assertThat(forms.get("Freestyle post-build action (config.xml)")).contains("<credentialsId>buildstash-key<");
            assertThat(forms).allSatisfy((source, text) -> assertThat(text).as(source)
                    .doesNotContain(api.seed.applicationKey())
                    .doesNotContain(SecretLedger.SIGNATURE_MARKER)
                    .doesNotContainIgnoringCase("bearer"));
        }
    }

    /** Every option set, as a job configured in full would have it. */
    private static <T> T configured(T stepOrRecorder) throws ReflectiveOperationException {
        for (java.lang.reflect.Method m : stepOrRecorder.getClass().getMethods()) {
            if (m.isAnnotationPresent(org.kohsuke.stapler.DataBoundSetter.class) && m.getParameterCount() == 1) {
                Class<?> type = m.getParameterTypes()[0];
                Object value = type == String.class ? "value-of-" + m.getName().substring(3)
                        : type == Integer.class || type == int.class ? 4
                        : type == boolean.class || type == Boolean.class ? Boolean.TRUE : null;
                m.invoke(stepOrRecorder, value);
            }
        }
        stepOrRecorder.getClass().getMethod("setCredentialsId", String.class).invoke(stepOrRecorder, "buildstash-key");
        return stepOrRecorder;
    }

    private static String serialised(java.io.Serializable object) throws java.io.IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    @Order(4)
    void nothingTheSuiteProducedHoldsAKeyOrASignature() {
        assertThat(SecretLedger.secretCount()).as("keys registered").isGreaterThanOrEqualTo(2);
        assertThat(SecretLedger.observedCount()).as("texts observed").isGreaterThan(20);
        assertThat(SecretLedger.leaks()).isEmpty();
        System.out.println("Secret hygiene: " + SecretLedger.observedCount() + " texts from "
                + SecretLedger.sourceCount() + " kinds of source checked for " + SecretLedger.secretCount()
                + " keys and for presigned signatures: no leak");
    }

    private static String fields(Object o) throws IllegalAccessException {
        StringBuilder s = new StringBuilder();
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    s.append(f.getName()).append('=').append(f.get(o)).append('\n');
                }
            }
        }
        return s.toString();
    }
}
