package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.buildstash.api.model.Application;
import io.jenkins.plugins.buildstash.api.model.Build;
import io.jenkins.plugins.buildstash.api.model.BuildDownload;
import io.jenkins.plugins.buildstash.api.model.DownloadLink;
import io.jenkins.plugins.buildstash.api.model.FileInfo;
import io.jenkins.plugins.buildstash.api.model.Label;
import io.jenkins.plugins.buildstash.api.model.Member;
import io.jenkins.plugins.buildstash.api.model.Page;
import io.jenkins.plugins.buildstash.api.model.Release;
import io.jenkins.plugins.buildstash.api.model.Webhook;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.MetadataFile;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operation of the API through the typed client, against the emulator's seeded workspace. */
class BuildstashClientOperationsTest {

    private static ApiFixture api;
    private static BuildstashClient workspace;
    private static BuildstashClient app;
    private static String appId;
    private static List<String> sampleBuilds;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.start();
        workspace = api.workspaceClient();
        app = api.appClient();
        appId = api.seed.applicationId();
        sampleBuilds = api.emulator.seedSampleBuilds(api.seed);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void readsTheWorkspaceWithEitherKind() throws Exception {
        assertThat(workspace.getWorkspace().id()).isEqualTo(api.seed.workspaceId());
        assertThat(app.getWorkspace().name()).isNotBlank();
    }

    @Test
    void listsWorkspaceMembersAcrossPagesAndReadsAUser() throws Exception {
        List<Member> all = workspace.listWorkspaceMembers(ListQuery.defaults().perPage(1).sortBy("name")).stream().toList();
        Page<Member> first = workspace.listWorkspaceMembers(ListQuery.defaults().perPage(1)).firstPage();
        assertThat(all).hasSize(first.pagination().total()).hasSizeGreaterThan(1);
        assertThat(first.data()).hasSize(1);
        assertThat(first.pagination().lastPage()).isEqualTo(all.size());
        assertThat(all).extracting(Member::role).contains("owner");
        assertThat(workspace.getUser(all.get(0).id()).email()).isEqualTo(all.get(0).email());
    }

    @Test
    void readsWorkspaceLabelsStreamsAndCustomTargets() throws Exception {
        List<Label> labels = workspace.listWorkspaceLabels();
        assertThat(labels).extracting(Label::name).contains("release-candidate", "hotfix");
        assertThat(workspace.getWorkspaceLabel("hotfix").id()).isEqualTo(
                labels.stream().filter(l -> l.name().equals("hotfix")).findFirst().orElseThrow().id());
        assertThat(workspace.listWorkspaceDefaultStreams()).extracting(s -> s.name()).contains("production", "beta");
        assertThat(workspace.listWorkspaceCustomTargets()).extracting(t -> t.name()).contains("Steam");
        assertThat(workspace.getWorkspaceCustomTarget("Steam").platform().identifier()).isEqualTo("windows");
    }

    @Test
    void listsApplicationsWithTheirFiltersAndReadsOne() throws Exception {
        List<Application> all = workspace.listApplications(ListQuery.defaults()).stream().toList();
        assertThat(all).extracting(Application::id).contains(appId, api.seed.otherApplicationId());
        assertThat(workspace.listApplications(ListQuery.defaults().platform("windows")).stream().toList())
                .extracting(Application::id).containsExactly(appId);
        assertThat(workspace.listApplications(ListQuery.defaults().search("Companion")).stream().toList())
                .extracting(Application::id).containsExactly(api.seed.otherApplicationId());
        // An application key sees its own application only, and needs no scope to read it.
        assertThat(app.listApplications(ListQuery.defaults()).stream().toList()).extracting(Application::id).containsExactly(appId);
        Application read = app.getApplication(appId);
        assertThat(read.name()).isEqualTo(api.seed.applicationName());
        assertThat(read.buildCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void readsApplicationMembersStreamsLabelsPlatformsAndCustomTargets() throws Exception {
        assertThat(app.listApplicationMembers(appId, ListQuery.defaults()).stream().toList())
                .extracting(m -> m.role()).contains("admin", "qa");
        assertThat(app.listStreams(appId)).extracting(s -> s.name()).containsAll(api.seed.streams());
        assertThat(app.getStream(appId, "beta").name()).isEqualTo("beta");
        assertThat(app.listApplicationLabels(appId)).extracting(Label::name).contains("signed", "hotfix");
        assertThat(app.getApplicationLabel(appId, "signed").level()).isEqualTo("application");
        assertThat(app.listPlatforms(appId)).extracting(p -> p.identifier()).containsAll(api.seed.platforms());
        assertThat(app.listApplicationCustomTargets(appId)).extracting(t -> t.name()).contains("Amazon Appstore");
        assertThat(app.getApplicationCustomTarget(appId, "Amazon Appstore").level()).isEqualTo("application");
    }

    @Test
    void listsBuildsSortedAndFilteredAndReadsOneInFull() throws Exception {
        List<Build> newestFirst = app.listBuilds(appId, ListQuery.defaults().sortBy("created_at").descending()).stream().toList();
        assertThat(newestFirst).extracting(Build::id).containsAll(sampleBuilds);
        assertThat(app.listBuilds(appId, ListQuery.defaults().filter("platforms", List.of("ios"))).stream().toList())
                .extracting(b -> b.platform().identifier()).containsOnly("ios");
        assertThat(app.listBuilds(appId, ListQuery.defaults().filter("streams", List.of("beta"))).stream().toList())
                .extracting(b -> b.stream().name()).containsOnly("beta");
        Build full = app.getBuild(appId, sampleBuilds.get(0));
        assertThat(full.primaryFile().filename()).isEqualTo("space-game.apk");
        assertThat(full.labels()).extracting(Label::name).contains("signed");
        assertThat(full.version()).isEqualTo("1.4.0");
    }

    @Test
    void downloadLinksServeTheStoredBytesWithoutTheKey() throws Exception {
        BuildDownload download = app.getBuildDownload(appId, sampleBuilds.get(1));
        DownloadLink primary = download.primaryFile();
        assertThat(primary.filename()).isEqualTo("SpaceGame.ipa");
        assertThat(primary.toString()).doesNotContain("Signature");
        HttpResponse<String> got = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(primary.tempUrl())).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("sample SpaceGame.ipa 1.4.0\n");
        assertThat((long) got.body().length()).isEqualTo(primary.sizeBytes());
    }

    @Test
    void listsAndReadsReleasesWithTheirBuilds() throws Exception {
        List<Release> releases = app.listReleases(appId, ListQuery.defaults().search("1.4.0")).stream().toList();
        assertThat(releases).singleElement().satisfies(r -> assertThat(r.buildCount()).isEqualTo(2));
        Release full = app.getRelease(appId, releases.get(0).id());
        assertThat(full.title()).isEqualTo("Spring Update");
        assertThat(full.notes()).contains("New levels");
        assertThat(full.builds()).extracting(Build::id).containsExactlyInAnyOrderElementsOf(sampleBuilds.subList(0, 2));
    }

    @Test
    void listsAndReadsWebhooks() throws Exception {
        List<Webhook> hooks = app.listWebhooks(appId, ListQuery.defaults()).stream().toList();
        assertThat(hooks).singleElement().satisfies(h -> assertThat(h.format()).isEqualTo("json"));
        assertThat(app.getWebhook(appId, hooks.get(0).id()).url()).isEqualTo(hooks.get(0).url());
    }

    @Test
    void uploadsAttachesMetadataAndReadsItBack(@TempDir Path dir) throws Exception {
        Path apk = Files.writeString(dir.resolve("app.apk"), "apk bytes");
        Path report = Files.writeString(dir.resolve("junit.xml"), "<testsuite tests=\"3\"/>");
        UploadResult result = new Uploader(app, new LocalFileSide(line -> {}), line -> {}).upload(new UploadSpec(
                LocalFile.of(apk), null, List.of(new MetadataFile(LocalFile.of(report), "Unit tests")),
                UploadOptions.builder().platform("android").stream("nightly").version(2, 0, 1).build(), null));
        assertThat(result.metadata()).singleElement().satisfies(m -> assertThat(m.id()).isNotBlank());

        List<FileInfo> artifacts = app.listMetadataArtifacts(appId, result.buildId());
        assertThat(artifacts).extracting(FileInfo::filename).containsExactly("junit.xml");
        String artifactId = artifacts.get(0).id();
        assertThat(app.getMetadataArtifact(appId, result.buildId(), artifactId).sizeBytes()).isEqualTo(Files.size(report));
        DownloadLink link = app.getMetadataArtifactDownload(appId, result.buildId(), artifactId);
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.tempUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).isEqualTo("<testsuite tests=\"3\"/>");
    }

    @Test
    void aborts() throws Exception {
        var instructions = app.requestUpload(new io.jenkins.plugins.buildstash.api.model.UploadRequest(null, "file",
                "android", null, "beta", "jenkins", new io.jenkins.plugins.buildstash.api.model.FileSpec("x.apk", 5),
                List.of(), 1, 0, 0, null, null, null, List.of(), List.of(), null, null, null, null, null, null, null,
                null, null, null, null, null));
        app.abortUpload(instructions.pendingUploadId());
        assertThat(api.emulator.abortedUploadIds()).contains(instructions.pendingUploadId());
        assertThatThrownBy(() -> app.abortUpload(instructions.pendingUploadId()))
                .isInstanceOf(BuildstashException.class)
                .hasMessageContaining("HTTP 400");
    }
}
