package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.api.model.FileSpec;
import io.jenkins.plugins.buildstash.api.model.UploadRequest;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each error status of the API becomes one message that says what happened and what to do. */
class ClientErrorsTest {

    private ApiFixture api;

    @BeforeEach
    void start() throws IOException {
        api = ApiFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private <T extends Throwable> T failure(Class<T> type, ThrowingCall call) {
        T e = catchThrowableOfType(type, call::run);
        assertThat(e).as("expected a " + type.getSimpleName()).isNotNull();
        SecretLedger.observe("ClientErrorsTest", e);
        // A user sees the message alone: it must make sense without a stack trace.
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
        return e;
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    static UploadRequest upload(String applicationId, String stream, int major, List<String> labels) {
        return new UploadRequest(applicationId, "file", "android", null, stream, "jenkins", new FileSpec("app.apk", 10),
                List.of(), major, 0, 0, null, null, null, labels, List.of(), null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    @Test
    void anUnknownKeyIsRejectedWithAnAction() {
        BuildstashException e = failure(BuildstashException.class, () -> api.client("not-a-real-key").getWorkspace());
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Buildstash rejected the API key (HTTP 401 on GET /workspace): the key is"
                + " wrong, revoked or expired. Create a key in Buildstash and store it in the Jenkins credential");
        assertThat(api.sleeper.waits()).isEmpty();
    }

    @Test
    void aMissingScopeIsNamed() {
        String readOnly = api.emulator.addApplicationKey(api.seed.applicationId(), "builds:read");
        MissingScopeException e = failure(MissingScopeException.class,
                () -> api.client(readOnly).requestUpload(upload(null, "beta", 1, List.of())));
        assertThat(e.scope()).isEqualTo("builds:create");
        assertThat(e.getMessage()).isEqualTo("The API key lacks the 'builds:create' scope needed for POST /upload/request:"
                + " add it to the key in Buildstash, or use a key that has it");
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void anApplicationKeyReachingAnotherApplicationIsDenied() {
        BuildstashException e = failure(BuildstashException.class,
                () -> api.appClient().listStreams(api.seed.otherApplicationId()));
        assertThat(e.status()).isIn(403, 404);
        assertThat(e.getMessage()).contains(api.seed.otherApplicationId()).contains("or use a key that can reach it").doesNotContain("..");
    }

    @Test
    void anUploadToAnApplicationTheKeyCannotReachNamesThatApplication() {
        BuildstashException e = failure(BuildstashException.class, () -> api.appClient()
                .requestUpload(upload(api.seed.otherApplicationId(), "beta", 1, List.of())));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).startsWith("Buildstash denied access to application '"
                + api.seed.otherApplicationId() + "' (HTTP 403 on POST /upload/request): ");
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void anUnknownBuildIsNotFoundByName() {
        BuildstashException e = failure(BuildstashException.class,
                () -> api.appClient().getBuild(api.seed.applicationId(), "no-such-build"));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).startsWith("Buildstash found no build 'no-such-build' of application '"
                + api.seed.applicationId() + "' (HTTP 404 on GET /applications/");
    }

    @Test
    void fieldErrorsOfAnUploadRequestAreListed() {
        ValidationException e = failure(ValidationException.class, () -> api.appClient()
                .requestUpload(upload(null, "no-such-stream", 10000, List.of())));
        assertThat(e.fieldErrors()).containsKeys("stream", "version_component_1_major");
        assertThat(e.getMessage()).startsWith("Buildstash rejected POST /upload/request (HTTP 422): ")
                .contains("stream: ").contains("version_component_1_major: ");
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void aWorkspaceKeyWithoutApplicationIsRefusedByTheServerToo() {
        ValidationException e = failure(ValidationException.class,
                () -> api.workspaceClient().requestUpload(upload(null, "beta", 1, List.of())));
        assertThat(e.fieldErrors()).containsKey("application_id");
    }

    @Test
    void aBadFilterIsAValidationErrorWithoutFields() {
        ValidationException e = failure(ValidationException.class, () -> api.appClient()
                .listBuilds(api.seed.applicationId(), ListQuery.defaults().filter("platforms", List.of("gameboy")))
                .firstPage());
        assertThat(e.fieldErrors()).isEmpty();
        assertThat(e.getMessage()).startsWith("Buildstash rejected GET /applications/").contains("(HTTP 422): ");
    }

    @Test
    void anHtmlPageInsteadOfJsonNamesTheHostAndStatusAndIsNotRetried() {
        api.emulator.faults().on("getWorkspace").always().inject(Fault.htmlPage());
        BuildstashException e = failure(BuildstashException.class, () -> api.appClient().getWorkspace());
        assertThat(e.getMessage()).isEqualTo("Buildstash at 127.0.0.1:" + api.emulator.port()
                + " answered GET /workspace with HTTP 200 and an HTML page instead of JSON: check that the base URL"
                + " points at the API (it usually ends in /api/v1), not at the web app or a proxy's login page");
        assertThat(api.emulator.requestCount("getWorkspace")).isEqualTo(1);
    }

    @Test
    void aTruncatedJsonBodyIsRetriedThenReported() {
        api.emulator.faults().on("getWorkspace").always().inject(Fault.truncateBody());
        BuildstashException e = failure(BuildstashException.class, () -> api.appClient().getWorkspace());
        assertThat(e.getMessage()).contains("the JSON body was cut off or malformed").contains("gave up after 4 attempts");
        assertThat(e.failure().type()).isEqualTo(Failure.Type.MALFORMED_RESPONSE);
        assertThat(api.emulator.requestCount("getWorkspace")).isEqualTo(4);
    }

    @Test
    void aTimeoutBelowASecondIsNamedInTenthsNotAsZeroSeconds() {
        api.emulator.faults().on("getWorkspace").once().inject(Fault.delayHeaders(java.time.Duration.ofMillis(1500)));
        BuildstashClient client = api.builder(api.seed.applicationKey())
                .requestTimeout(java.time.Duration.ofMillis(300))
                .retryPolicy(new RetryPolicy(RetryPolicy.Limits.defaults().withAttempts(1)))
                .build();
        BuildstashException e = failure(BuildstashException.class, client::getWorkspace);
        assertThat(e.failure().type()).isEqualTo(Failure.Type.TIMED_OUT);
        assertThat(e.getMessage()).isEqualTo("Buildstash at 127.0.0.1:" + api.emulator.port()
                + " did not answer GET /workspace within 0.3 s");
    }

    @Test
    void aClosedPortIsAConnectionFailureWithAHint() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BuildstashClient client = BuildstashClient.builder(ApiKey.of("k123456"))
                .baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .sleeper(api.sleeper)
                .build();
        BuildstashException e = failure(BuildstashException.class, client::getWorkspace);
        assertThat(e.failure().type()).isEqualTo(Failure.Type.NOT_CONNECTED);
        assertThat(e.getMessage()).startsWith("Could not connect to Buildstash at 127.0.0.1:" + port
                + " for GET /workspace: check the base URL, the network and the proxy settings");
        assertThat(api.sleeper.waits()).hasSize(3);
    }

    @Test
    void anUnknownHostIsNotRetried() {
        BuildstashClient client = BuildstashClient.builder(ApiKey.of("k123456"))
                .baseUrl("https://no-such-host.invalid/api/v1")
                .sleeper(api.sleeper)
                .build();
        BuildstashException e = failure(BuildstashException.class, client::getWorkspace);
        assertThat(e.getMessage()).startsWith("Cannot resolve the Buildstash host no-such-host.invalid");
        assertThat(api.sleeper.waits()).isEmpty();
    }

    @Test
    void aClientThatFollowsRedirectsIsRefusedBecauseTheKeyWouldFollow() {
        assertThatThrownBy(() -> BuildstashClient.builder(ApiKey.of("k123456"))
                        .httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not follow redirects");
    }

    @Test
    void aKeyWithSpacesIsAPastingMistake() {
        assertThatThrownBy(() -> ApiKey.of("abc def")).hasMessageContaining("spaces or line breaks");
        assertThatThrownBy(() -> ApiKey.of("   ")).hasMessageContaining("empty");
        assertThat(ApiKey.of(" abc\n").toString()).isEqualTo("ApiKey[****]");
    }
}
