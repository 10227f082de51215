package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationAndScopesTest {

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

    private String builds(String applicationId) {
        return "/applications/" + applicationId + "/builds";
    }

    @Test
    void missingOrUnknownKeyIsUnauthorized() {
        Reply missing = http.as(null).get("/workspace");
        Reply unknown = http.as("bse_not-a-key").get("/workspace");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.text()).isEqualTo("{\"message\":\"Unauthorized\"}").doesNotContain("not-a-key");
    }

    @Test
    void missingScopeIsForbiddenWithTheScopeNamed() {
        String key = emulator.addApplicationKey(seed.applicationId(), "releases:read");

        Reply reply = http.as(key).get(builds(seed.applicationId()));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("message").asText()).isEqualTo("This action requires 'builds:read' scope.");
    }

    @Test
    void higherLevelsOfAScopeIncludeTheLowerOnesButNotTheOtherWayRound() {
        String createKey = emulator.addApplicationKey(seed.applicationId(), "builds:create");
        String readKey = emulator.addApplicationKey(seed.applicationId(), "builds:read");
        var request = TestHttp.uploadRequest("windows", "beta", "a.exe", 1);

        assertThat(http.as(createKey).get(builds(seed.applicationId())).status()).isEqualTo(200);
        assertThat(http.as(createKey).post("/upload/request", request).status()).isEqualTo(200);
        Reply refused = http.as(readKey).post("/upload/request", request);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).isEqualTo("This action requires 'builds:create' scope.");
    }

    @Test
    void applicationKeyReachingAnotherApplicationIsForbidden() {
        Reply other = http.get(builds(seed.otherApplicationId()));
        Reply missing = http.get(builds("no-such-application"));

        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("message").asText())
                .isEqualTo("This API key does not have access to this application.");
        assertThat(missing.status()).as("an application key cannot probe which IDs exist").isEqualTo(403);
    }

    @Test
    void workspaceKeyReachesEveryApplicationAndGetsNotFoundForAnUnknownOne() {
        TestHttp workspace = http.as(seed.workspaceKey());

        assertThat(workspace.get(builds(seed.otherApplicationId())).status()).isEqualTo(200);
        Reply missing = workspace.get(builds("no-such-application"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asText()).isEqualTo("Application not found.");
    }

    @Test
    void applicationKeyListsOnlyItsOwnApplicationAndReadsItWithoutAScope() {
        String bare = emulator.addApplicationKey(seed.applicationId(), "builds:read");

        JsonNode listed = http.as(bare).get("/applications").json();
        Reply own = http.as(bare).get("/applications/" + seed.applicationId());

        assertThat(listed.get("data")).singleElement()
                .satisfies(app -> assertThat(app.get("id").asText()).isEqualTo(seed.applicationId()));
        assertThat(listed.get("pagination").get("total").asInt()).isEqualTo(1);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("data").get("build_count").asInt()).isZero();
        assertThat(http.as(seed.workspaceKey()).get("/applications").json().get("data")).hasSize(2);
    }

    @Test
    void applicationKeyIsRefusedOnWorkspaceOnlyRoutes() {
        Reply labels = http.get("/workspace/labels");
        Reply members = http.get("/workspace/members");
        Reply workspace = http.get("/workspace");

        assertThat(labels.status()).isEqualTo(403);
        assertThat(labels.json().get("message").asText()).isEqualTo("This action requires 'workspace:read' scope.");
        assertThat(members.status()).isEqualTo(403);
        assertThat(workspace.status()).as("GET /workspace needs no scope").isEqualTo(200);
    }

    @Test
    void workspaceKeyWithoutAScopeIsForbiddenFromTheApplicationList() {
        String key = emulator.addWorkspaceKey("builds:read");

        Reply reply = http.as(key).get("/applications");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("message").asText()).isEqualTo("This action requires 'applications:read' scope.");
    }

    @Test
    void postThatIsNotJsonIsUnsupportedMediaType() {
        Reply form = http.post("/upload/request", "structure=file", "application/x-www-form-urlencoded");
        Reply untyped = http.post("/upload/request", "{}", null);

        assertThat(form.status()).isEqualTo(415);
        assertThat(untyped.status()).isEqualTo(415);
        assertThat(http.post("/upload/request", "{}", "application/json; charset=utf-8").status()).isEqualTo(422);
    }

    @Test
    void workspaceKeyUploadWithoutAnApplicationIsAValidationErrorOnApplicationId() {
        Reply reply = http.as(seed.workspaceKey())
                .post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 1));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("errors").get("application_id").get(0).asText())
                .isEqualTo("The application_id field is required when using a workspace API key.");
    }

    @Test
    void applicationKeyNamingAnotherApplicationInAnUploadIsForbidden() {
        Reply reply = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 1)
                .put("application_id", seed.otherApplicationId()));

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void keysOfTheWrongKindOrWithUnknownScopesCannotBeIssued() {
        assertThatThrownBy(() -> emulator.addWorkspaceKey("application:read"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application:read");
        assertThatThrownBy(() -> emulator.addApplicationKey(seed.applicationId(), "workspace:read"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyNeverAppearsInTheRequestLogErrorsOrDescriptions() {
        http.get("/workspace");
        Reply unauthorized = http.as("bse_" + seed.applicationKey().substring(4, 20)).get("/workspace");

        assertThat(emulator.requestLog()).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.toString()).doesNotContain(seed.applicationKey().substring(4)));
        assertThat(unauthorized.text()).doesNotContain(seed.applicationKey().substring(4, 20));
        assertThat(seed.toString()).doesNotContain(seed.applicationKey()).doesNotContain(seed.workspaceKey());
        assertThat(new ApiKey("secret-token", ApiKey.Kind.WORKSPACE, "w", null, java.util.Set.of()).toString())
                .doesNotContain("secret-token");
    }
}
