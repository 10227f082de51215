package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadRoutesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private BuildstashEmulator emulator;
    private Seed seed;
    private TestHttp http;
    private String builds;

    @BeforeEach
    void start() throws Exception {
        emulator = BuildstashEmulator.start(EmulatorOptions.defaults().withClock(clock));
        seed = emulator.seedDefaults();
        http = new TestHttp(emulator, seed.applicationKey());
        builds = "/applications/" + seed.applicationId() + "/builds";
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String addBuild(String platform, String stream, String version, int size, String... labels) {
        clock.advance(Duration.ofMinutes(1));
        return emulator.addBuild(NewBuild.of(seed.applicationId(), platform, stream, version, "f.bin", new byte[size])
                .withLabels(labels));
    }

    private static List<String> ids(JsonNode listReply) {
        return StreamSupport.stream(listReply.get("data").spliterator(), false)
                .map(item -> item.get("id").asText())
                .toList();
    }

    private List<String> listIds(String query) {
        Reply reply = http.get(builds + query);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return ids(reply.json());
    }

    @Test
    void buildsComeFifteenAPageOldestFirstWithLaravelPagination() {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            added.add(addBuild("windows", "beta", "1.0." + i, 1));
        }

        JsonNode first = http.get(builds).json();
        JsonNode second = http.get(builds + "?page=2").json();
        JsonNode beyond = http.get(builds + "?page=3").json();

        assertThat(ids(first)).isEqualTo(added.subList(0, 15));
        assertThat(first.get("pagination").toString()).isEqualTo(
                "{\"current_page\":1,\"per_page\":15,\"total\":17,\"last_page\":2,\"from\":1,\"to\":15}");
        assertThat(ids(second)).isEqualTo(added.subList(15, 17));
        assertThat(second.get("pagination").get("from").asInt()).isEqualTo(16);
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.get("pagination").get("from").isNull()).isTrue();
        assertThat(listIds("?sort=desc&per_page=2")).containsExactly(added.get(16), added.get(15));
    }

    @Test
    void perPageOutsideOneToHundredIsAValidationError() {
        assertThat(http.get(builds + "?per_page=0").status()).isEqualTo(422);
        assertThat(http.get(builds + "?per_page=101").json().get("message").asText())
                .isEqualTo("The per page field must be between 1 and 100.");
        assertThat(http.get(builds + "?per_page=100").status()).isEqualTo(200);
        assertThat(http.get(builds + "?sort=sideways").status()).isEqualTo(422);
        assertThat(http.get(builds + "?sort_by=name").status()).isEqualTo(422);
    }

    @Test
    void buildsSortBySemanticVersionSizeAndBuildTime() {
        String rc = addBuild("windows", "beta", "1.10.0-rc.1", 30);
        String release = addBuild("windows", "beta", "1.10.0", 10);
        String old = addBuild("windows", "beta", "1.9.5", 20);

        assertThat(listIds("?sort_by=version")).containsExactly(old, rc, release);
        assertThat(listIds("?sort_by=version_short")).containsExactly(old, rc, release);
        assertThat(listIds("?sort_by=size_total_bytes&sort=desc")).containsExactly(rc, old, release);
        assertThat(listIds("?sort_by=created_at")).containsExactly(rc, release, old);
    }

    @Test
    void buildFiltersMatchByIdOrNameAndRefuseUnknownValues() {
        String android = addBuild("android", "production", "1.0.0", 1, "signed");
        String windows = addBuild("windows", "beta", "1.0.1", 1);
        String productionId = http.get("/applications/" + seed.applicationId() + "/streams/production").json()
                .get("data").get("id").asText();

        assertThat(listIds("?platforms=android,ios")).containsExactly(android);
        assertThat(listIds("?streams=beta")).containsExactly(windows);
        assertThat(listIds("?streams=" + productionId)).containsExactly(android);
        assertThat(listIds("?labels=signed")).containsExactly(android);
        Reply unknown = http.get(builds + "?platforms=android2");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("message").asText()).isEqualTo("The platform identifier android2 is invalid.");
        assertThat(http.get(builds + "?streams=staging").status()).isEqualTo(422);
        assertThat(http.get(builds + "?custom_targets=Nope").status()).isEqualTo(422);
    }

    @Test
    void iosBuildStaysPendingAndHiddenUntilProcessingEnds() throws Exception {
        emulator.close();
        emulator = BuildstashEmulator.start(
                EmulatorOptions.defaults().withClock(clock).withProcessingDelay(Duration.ofSeconds(30)));
        seed = emulator.seedDefaults();
        http = new TestHttp(emulator, seed.applicationKey());
        builds = "/applications/" + seed.applicationId() + "/builds";
        String buildId = http.uploadSinglePart(TestHttp.uploadRequest("ios", "beta", "Game.ipa", 5), new byte[5])
                .json().get("build_id").asText();

        assertThat(listIds("")).isEmpty();
        assertThat(http.get(builds + "/" + buildId).json().get("data").get("pending").asBoolean()).isTrue();
        assertThat(http.get(builds + "/" + buildId + "/download").status()).isEqualTo(404);

        clock.advance(Duration.ofSeconds(30));

        assertThat(listIds("")).containsExactly(buildId);
        assertThat(http.get(builds + "/" + buildId + "/download").status()).isEqualTo(200);
    }

    @Test
    void releasesFilterSearchAndSortAndShowTheirBuildsOnlyWhenSingle() {
        String android = addBuild("android", "production", "2.0.0", 1);
        String windows = addBuild("windows", "beta", "2.1.0", 1);
        String spring = emulator.addRelease(seed.applicationId(), "2.0.0", "Spring Update", "Notes *one*",
                List.of("signed"), List.of(android));
        clock.advance(Duration.ofMinutes(1));
        String summer = emulator.addRelease(seed.applicationId(), "2.1.0", "Summer Update", null, List.of(),
                List.of(android, windows));
        String releases = "/applications/" + seed.applicationId() + "/releases";

        JsonNode all = http.get(releases).json();
        assertThat(ids(all)).containsExactly(spring, summer);
        assertThat(all.get("data").get(1).get("build_count").asInt()).isEqualTo(2);
        assertThat(all.get("data").get(1).has("builds")).isFalse();
        assertThat(ids(http.get(releases + "?platforms=windows").json())).containsExactly(summer);
        assertThat(ids(http.get(releases + "?labels=signed").json())).containsExactly(spring);
        assertThat(ids(http.get(releases + "?search=summer").json())).containsExactly(summer);
        assertThat(ids(http.get(releases + "?sort_by=title&sort=desc").json())).containsExactly(summer, spring);
        assertThat(http.get(releases + "?labels=nope").status()).isEqualTo(422);
        JsonNode single = http.get(releases + "/" + spring).json().get("data");
        assertThat(single.get("notes").asText()).isEqualTo("Notes *one*");
        assertThat(single.get("builds")).singleElement()
                .satisfies(build -> assertThat(build.get("id").asText()).isEqualTo(android));
    }

    @Test
    void identifierRoutesFindByIdOrExactName() {
        String streams = "/applications/" + seed.applicationId() + "/streams";
        String betaId = http.get(streams + "/beta").json().get("data").get("id").asText();

        assertThat(http.get(streams + "/" + betaId).json().get("data").get("name").asText()).isEqualTo("beta");
        assertThat(http.get(streams + "/Beta").status()).isEqualTo(404);
        TestHttp workspace = http.as(seed.workspaceKey());
        assertThat(workspace.get("/workspace/custom-targets/Samsung%20Galaxy%20Store").json().get("data")
                .get("platform").get("identifier").asText()).isEqualTo("android");
        assertThat(workspace.get("/workspace/labels/hotfix").status()).isEqualTo(200);
        emulator.addLabel(null, "qa-passed");
        assertThat(workspace.get("/workspace/labels/qa-passed").json().get("data").get("level").asText())
                .isEqualTo("workspace");
        assertThat(http.get("/applications/" + seed.applicationId() + "/labels/hotfix").json().get("data")
                .get("level").asText()).isEqualTo("workspace");
    }

    @Test
    void membersAndApplicationsSearchAndSort() {
        TestHttp workspace = http.as(seed.workspaceKey());

        JsonNode byEmail = workspace.get("/workspace/members?search=grace").json();
        JsonNode applications = workspace.get("/applications?sort_by=name&sort=desc").json();

        assertThat(byEmail.get("data")).singleElement()
                .satisfies(member -> assertThat(member.get("role").asText()).isEqualTo("admin"));
        assertThat(applications.get("data").get(0).get("name").asText()).isEqualTo("Space Game");
        assertThat(workspace.get("/applications?platform=windows").json().get("data")).hasSize(1);
        assertThat(workspace.get("/applications?platform=amiga").json().get("message").asText())
                .isEqualTo("Platform identifier provided was invalid.");
    }
}
