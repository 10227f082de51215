package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InspectionTest {

    private BuildstashEmulator emulator;
    private Seed seed;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        emulator = BuildstashEmulator.start();
        seed = emulator.seedDefaults();
        http = new TestHttp(emulator, seed.applicationKey());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void requestLogRecordsMethodPathWithoutQueryRouteAndStatus() {
        http.get("/applications/" + seed.applicationId() + "/builds?per_page=5");
        http.as(null).get("/workspace");
        http.get("/no/such/route");

        assertThat(emulator.requestLog()).extracting(RequestRecord::method, RequestRecord::path,
                        RequestRecord::route, RequestRecord::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/applications/" + seed.applicationId()
                                + "/builds", "listBuilds", 200),
                        org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/workspace", "getWorkspace", 401),
                        org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/no/such/route", "unmatched", 404));
        assertThat(emulator.requestLog()).allSatisfy(entry -> assertThat(entry.duration()).isPositive());
    }

    @Test
    void presignedUrlsAreLoggedWithoutTheirSignature() {
        byte[] content = new byte[3];
        http.uploadSinglePart(TestHttp.uploadRequest("windows", "beta", "a.exe", 3), content);

        assertThat(emulator.requestLog()).filteredOn(entry -> entry.route().equals("storagePutObject"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.path()).startsWith("/storage/put/").doesNotContain("Signature"));
    }

    @Test
    void countsPerRouteAddUp() {
        http.get("/workspace");
        http.get("/workspace");
        http.get("/applications");

        assertThat(emulator.requestCount("getWorkspace")).isEqualTo(2);
        assertThat(emulator.requestCount("listApplications")).isEqualTo(1);
        assertThat(emulator.requestCount("verifyUpload")).isZero();
        assertThat(emulator.requestCounts()).containsEntry("getWorkspace", 2L).doesNotContainKey("verifyUpload");
    }

    @Test
    void uploadsShowTheirStatusFromRequestToVerifyOrAbort() {
        String open = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "open.exe", 1))
                .json().get("pending_upload_id").asText();
        String aborted = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "gone.exe", 1))
                .json().get("pending_upload_id").asText();
        http.post("/upload/abort", Json.object().put("pending_upload_id", aborted));
        String buildId = http.uploadSinglePart(TestHttp.uploadRequest("windows", "beta", "done.exe", 1), new byte[1])
                .json().get("build_id").asText();

        assertThat(emulator.uploads()).extracting(PendingUploadView::filenames, PendingUploadView::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(java.util.List.of("open.exe"), "OPEN"),
                        org.assertj.core.groups.Tuple.tuple(java.util.List.of("gone.exe"), "ABORTED"),
                        org.assertj.core.groups.Tuple.tuple(java.util.List.of("done.exe"), "VERIFIED"));
        assertThat(emulator.pendingUploads()).extracting(PendingUploadView::id).containsExactly(open);
        assertThat(emulator.abortedUploadIds()).containsExactly(aborted);
        assertThat(emulator.buildIdOfUpload(emulator.uploads().get(2).id())).contains(buildId);
    }

    @Test
    void stateRouteServesTheSameInspectionToAnotherJvmWithoutAnyKey() {
        byte[] content = TestBytes.random(1000, 4);
        http.uploadSinglePart(TestHttp.uploadRequest("windows", "beta", "a.exe", content.length), content);

        TestHttp.Reply reply = http.as(null).fetch(emulator.baseUrl() + "/_emulator/state");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode state = reply.json();
        assertThat(state.get("request_counts").get("storagePutObject").asInt()).isEqualTo(1);
        assertThat(state.get("builds").get(0).get("files").get(0).get("sha256").asText())
                .isEqualTo(TestBytes.sha256(content));
        assertThat(reply.text()).doesNotContain(seed.applicationKey()).doesNotContain(seed.workspaceKey());
    }

    @Test
    void seededWorkspaceHasTheDocumentedShape() {
        assertThat(seed.platforms()).containsExactly("android", "ios", "windows");
        assertThat(seed.streams()).contains("production", "beta");
        assertThat(http.get("/applications/" + seed.applicationId()).json().get("data").get("name").asText())
                .isEqualTo(seed.applicationName());
        assertThat(emulator.routeNames()).hasSize(34 + 1 + 3 + 1);
    }
}
