package io.jenkins.plugins.buildstash;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.model.UploadInstructions;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashUploadStep;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.RemotingLikeFileSide;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void nothingTheSuiteProducedHoldsAKeyOrASignature() {
        assertThat(SecretLedger.secretCount()).as("keys registered").isGreaterThanOrEqualTo(2);
        assertThat(SecretLedger.observedCount()).as("texts observed").isGreaterThan(20);
        assertThat(SecretLedger.leaks()).isEmpty();
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
