package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import io.jenkins.plugins.buildstash.upload.InvalidUploadException;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling application keys from workspace keys, and what that means for uploads. */
class KeyKindTest {

    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aKeyThatListsSeveralApplicationsIsAWorkspaceKey() throws Exception {
        KeyDescription key = api.workspaceClient().describeKey();
        assertThat(key.kind()).isEqualTo(KeyDescription.Kind.WORKSPACE);
        assertThat(key.workspace().id()).isEqualTo(api.seed.workspaceId());
        assertThat(key.applicationChoices()).contains(api.seed.applicationName() + " (" + api.seed.applicationId() + ")");
    }

    @Test
    void aKeyBoundToOneApplicationIsAnApplicationKey() throws Exception {
        KeyDescription key = api.appClient().describeKey();
        assertThat(key.kind()).isEqualTo(KeyDescription.Kind.APPLICATION);
        assertThat(key.applications()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(api.seed.applicationId()));
    }

    @Test
    void aWorkspaceKeyWithoutApplicationsScopeCannotBeTold() throws Exception {
        String narrow = api.emulator.addWorkspaceKey("builds:create");
        KeyDescription key = api.client(narrow).describeKey();
        assertThat(key.kind()).isEqualTo(KeyDescription.Kind.UNKNOWN);
        assertThat(key.evidence()).contains("applications:read");
    }

    @Test
    void anUploadWithAWorkspaceKeyAndNoApplicationFailsBeforeAnythingIsCreated(@TempDir Path dir) throws Exception {
        Path apk = Files.writeString(dir.resolve("app.apk"), "x");
        Uploader uploader = new Uploader(api.workspaceClient(), new LocalFileSide(l -> {}), l -> {});
        UploadSpec spec = new UploadSpec(LocalFile.of(apk), null, List.of(),
                UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0).build(), null);
        InvalidUploadException e = catchThrowableOfType(InvalidUploadException.class, () -> uploader.upload(spec));
        SecretLedger.observe("KeyKindTest", e);
        assertThat(e.getMessage()).startsWith("Not uploaded: the API key is a workspace key (it lists 2 applications;")
                .contains("set applicationId to one of ")
                .contains(api.seed.applicationName() + " (" + api.seed.applicationId() + ")")
                .endsWith(", or use an application key");
        assertThat(api.emulator.requestCount("requestUpload")).isZero();
        assertThat(api.emulator.uploads()).isEmpty();
    }

    @Test
    void aWorkspaceKeyThatNamesTheApplicationUploads(@TempDir Path dir) throws Exception {
        Path apk = Files.writeString(dir.resolve("app.apk"), "x");
        var result = new Uploader(api.workspaceClient(), new LocalFileSide(l -> {}), l -> {}).upload(new UploadSpec(
                LocalFile.of(apk), null, List.of(), UploadOptions.builder().applicationId(api.seed.applicationId())
                        .platform("android").stream("beta").version(1, 0, 0).build(), null));
        assertThat(api.emulator.storedBuild(result.buildId()).orElseThrow().applicationId())
                .isEqualTo(api.seed.applicationId());
    }
}
