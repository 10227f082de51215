package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.security.csrf.DefaultCrumbIssuer;
import io.jenkins.plugins.buildstash.it.FormEndpoints.Answer;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashReleaseDownloadBuilder;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashReleaseStep;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashUploadStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.assertj.core.api.SoftAssertions;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every {@code doFill*}, {@code doCheck*} and {@code doTestConnection} of the plugin (44 endpoints on five
 * descriptors), called over HTTP with CSRF protection on, as anonymous, as a user who may only read the jobs, as one
 * who may configure them, and as an administrator: each gets what its permission allows and nothing more.
 */
@WithJenkins
class FormEndpointsTest {

    private static final String UPLOAD_STEP = BuildstashUploadStep.class.getName();
    private static final String RECORDER = BuildstashUploadRecorder.class.getName();
    private static final String RELEASE_STEP = BuildstashReleaseStep.class.getName();
    private static final String BUILDER = BuildstashReleaseDownloadBuilder.class.getName();
    private static final String GLOBAL = BuildstashGlobalConfiguration.class.getName();

    /** One endpoint, and what an administrator must get from it: a kind (OK, WARNING, ERROR, LIST) and a fragment. */
    private record Call(String owner, String descriptor, String method, Map<String, String> parameters, String kind,
            String fragment) {
        String path() {
            return owner + "descriptorByName/" + descriptor + "/" + method;
        }

        boolean global() {
            return owner.isEmpty();
        }

        @Override
        public String toString() {
            return "POST " + path() + " " + parameters;
        }
    }

    private JenkinsRule r;
    private Harness h;
    private List<Call> calls;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        this.r = rule;
        this.h = Harness.start(r);
        FreeStyleProject freestyle = r.createFreeStyleProject("freestyle");
        WorkflowJob pipeline = h.pipeline("pipeline", "echo 'not run'");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader", "configurer")
                .grant(Item.CONFIGURE).onItems(freestyle, pipeline).to("configurer"));
        r.jenkins.setCrumbIssuer(new DefaultCrumbIssuer(false));
        this.calls = calls("job/pipeline/", "job/freestyle/");
    }

    @AfterEach
    void noSecretLeft() throws Exception {
        try {
            h.assertNoSecretLeft();
        } finally {
            h.close();
        }
    }

    @Test
    void anAdministratorGetsEveryListCheckAndConnectionTest() throws Exception {
        JenkinsRule.WebClient wc = FormEndpoints.client(r, "admin");
        String[] crumb = FormEndpoints.crumb(wc);
        assertThat(crumb).isNotNull();
        SoftAssertions softly = new SoftAssertions();
        for (Call call : calls) {
            Answer answer = FormEndpoints.post(wc, call.path(), call.parameters(), crumb);
            expectFull(softly, call, answer);
        }
        softly.assertAll();
        assertThat(calls).hasSize(44);
        // The four item-level connection tests and the global one reached Buildstash.
        assertThat(h.emulator.requestCount("getWorkspace")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aUserWhoMayConfigureTheJobsGetsTheirFormsButNotTheGlobalOnes() throws Exception {
        JenkinsRule.WebClient wc = FormEndpoints.client(r, "configurer");
        String[] crumb = FormEndpoints.crumb(wc);
        SoftAssertions softly = new SoftAssertions();
        for (Call call : calls) {
            Answer answer = FormEndpoints.post(wc, call.path(), call.parameters(), crumb);
            if (call.global()) {
                softly.assertThat(answer.status()).as("%s", call).isEqualTo(403);
            } else {
                expectFull(softly, call, answer);
            }
        }
        softly.assertAll();
    }

    @Test
    void aUserWhoMayOnlyReadTheJobsLearnsNothingAndContactsNothing() throws Exception {
        JenkinsRule.WebClient wc = FormEndpoints.client(r, "reader");
        String[] crumb = FormEndpoints.crumb(wc);
        assertThat(crumb).as("a reader has a session, so a crumb").isNotNull();
        long before = h.emulator.requestLog().size();
        SoftAssertions softly = new SoftAssertions();
        for (Call call : calls) {
            Answer answer = FormEndpoints.post(wc, call.path(), call.parameters(), crumb);
            if (call.global() || call.method().equals("testConnection")) {
                softly.assertThat(answer.status()).as("%s", call).isEqualTo(403);
            } else if (call.method().startsWith("fill")) {
                softly.assertThat(answer.status()).as("%s", call).isEqualTo(200);
                // The value already in the form, and not the list of credentials.
                softly.assertThat(answer.values()).as("%s", call).containsExactly(Harness.APP_KEY_ID);
            } else {
                softly.assertThat(answer.status()).as("%s", call).isEqualTo(200);
                softly.assertThat(answer.kind()).as("%s: %s", call, answer.body()).isEqualTo("OK");
                softly.assertThat(answer.body().trim()).as("%s", call).isEqualTo("<div/>");
            }
            softly.assertThat(answer.body()).as("%s", call).doesNotContain(Harness.WORKSPACE_KEY_ID);
        }
        softly.assertAll();
        assertThat(h.emulator.requestLog()).as("requests to Buildstash").hasSize((int) before);
    }

    @Test
    void anonymousIsRefusedEveryEndpointAndGetsNoCrumb() throws Exception {
        JenkinsRule.WebClient wc = FormEndpoints.client(r, null);
        assertThat(FormEndpoints.crumb(wc)).isNull();
        SoftAssertions softly = new SoftAssertions();
        for (Call call : calls) {
            Answer answer = FormEndpoints.post(wc, call.path(), call.parameters(), null);
            softly.assertThat(answer.status()).as("%s", call).isEqualTo(403);
            softly.assertThat(answer.body()).as("%s", call).doesNotContain(Harness.WORKSPACE_KEY_ID)
                    .doesNotContain("Connected to the workspace");
        }
        softly.assertAll();
        assertThat(h.emulator.requestLog()).isEmpty();
    }

    @Test
    void withoutACrumbEvenAnAdministratorIsRefused() throws Exception {
        JenkinsRule.WebClient wc = FormEndpoints.client(r, "admin");
        SoftAssertions softly = new SoftAssertions();
        for (Call call : calls) {
            Answer answer = FormEndpoints.post(wc, call.path(), call.parameters(), null);
            softly.assertThat(answer.status()).as("%s", call).isEqualTo(403);
            softly.assertThat(answer.body()).as("%s", call).contains("No valid crumb");
        }
        softly.assertAll();
        assertThat(h.emulator.requestLog()).isEmpty();
    }

    @Test
    void everyEndpointAnswersOnlyAPost() throws Exception {
        JenkinsRule.WebClient wc = FormEndpoints.client(r, "admin");
        SoftAssertions softly = new SoftAssertions();
        for (Call call : calls) {
            Answer answer = FormEndpoints.get(wc, call.path(), call.parameters());
            // @POST makes Stapler skip the method for a GET, so the URL finds nothing to run.
            softly.assertThat(answer.status()).as("GET %s", call.path()).isIn(404, 405);
            softly.assertThat(answer.body()).as("GET %s", call.path()).doesNotContain(Harness.WORKSPACE_KEY_ID)
                    .doesNotContain("Connected to the workspace");
        }
        softly.assertAll();
        assertThat(h.emulator.requestLog()).isEmpty();
    }

    /** What an administrator, or a user who may configure the job, gets. */
    private static void expectFull(SoftAssertions softly, Call call, Answer answer) {
        softly.assertThat(answer.status()).as("%s", call).isEqualTo(200);
        if (call.kind().equals("LIST")) {
            softly.assertThat(answer.values()).as("%s", call)
                    .contains(Harness.APP_KEY_ID, Harness.WORKSPACE_KEY_ID);
        } else {
            softly.assertThat(answer.kind()).as("%s: %s", call, answer.body()).isEqualTo(call.kind());
            softly.assertThat(answer.body()).as("%s", call).contains(call.fragment());
        }
    }

    private List<Call> calls(String pipelineJob, String freestyleJob) {
        List<Call> list = new ArrayList<>();
        uploadCalls(list, pipelineJob, UPLOAD_STEP);
        uploadCalls(list, freestyleJob, RECORDER);
        releaseCalls(list, pipelineJob, RELEASE_STEP);
        releaseCalls(list, freestyleJob, BUILDER);
        list.add(new Call("", GLOBAL, "checkBaseUrl", Map.of("value", "http://buildstash.example.com/api/v1"),
                "ERROR", "must use https://"));
        list.add(new Call("", GLOBAL, "fillCredentialsIdItems", Map.of("credentialsId", ""), "LIST", null));
        list.add(new Call("", GLOBAL, "checkCredentialsId", Map.of("value", "no-such-key"), "ERROR",
                "credential with this id is visible here"));
        list.add(new Call("", GLOBAL, "testConnection",
                Map.of("baseUrl", h.emulator.apiBaseUrl(), "credentialsId", Harness.APP_KEY_ID), "OK",
                "Connected to the workspace"));
        return list;
    }

    private void uploadCalls(List<Call> list, String owner, String descriptor) {
        add(list, owner, descriptor, "fillCredentialsIdItems", "LIST", null, "credentialsId", Harness.APP_KEY_ID);
        add(list, owner, descriptor, "checkCredentialsId", "ERROR", "credential with this id is visible here",
                "value", "no-such-key");
        add(list, owner, descriptor, "checkFile", "ERROR", "file is required", "value", "");
        add(list, owner, descriptor, "checkPlatform", "ERROR", "did you mean", "value", "andriod");
        add(list, owner, descriptor, "checkStream", "ERROR", "characters long", "value", "a-much-too-long-stream");
        add(list, owner, descriptor, "checkVersionMajor", "ERROR", "from 0 to 9999", "value", "10000");
        add(list, owner, descriptor, "checkVersionMinor", "ERROR", "is not a whole number", "value", "four");
        add(list, owner, descriptor, "checkVersionPatch", "OK", "", "value", "${BUILD_NUMBER}");
        add(list, owner, descriptor, "checkLabels", "ERROR", "at most 10", "value", "a,b,c,d,e,f,g,h,i,j,k");
        add(list, owner, descriptor, "checkArchitectures", "ERROR", "is not a Buildstash identifier",
                "value", "arm64v8, sparc64");
        add(list, owner, descriptor, "checkNotes", "ERROR", "at most 1000", "value", "n".repeat(1001));
        // The form sends the credential it shows (drop-down or expression) as testedCredentialsId.
        add(list, owner, descriptor, "testConnection", "OK", "is reachable",
                "testedCredentialsId", Harness.APP_KEY_ID, "applicationId", h.seed.applicationId());
    }

    private void releaseCalls(List<Call> list, String owner, String descriptor) {
        add(list, owner, descriptor, "fillCredentialsIdItems", "LIST", null, "credentialsId", Harness.APP_KEY_ID);
        add(list, owner, descriptor, "checkCredentialsId", "WARNING", "No default credentials are set", "value", "");
        add(list, owner, descriptor, "checkReleaseId", "ERROR", "Set either releaseId or version, not both",
                "value", "rel_1", "version", "2.3.0");
        add(list, owner, descriptor, "checkVersion", "OK", "", "value", "2.3.0", "releaseId", "");
        add(list, owner, descriptor, "checkPlatforms", "WARNING", "did you mean", "value", "andriod");
        add(list, owner, descriptor, "checkTargetFolder", "ERROR", "contains", "value", "../outside");
        add(list, owner, descriptor, "checkDownloadPlatforms", "OK", "", "value", "windows");
        add(list, owner, descriptor, "testConnection", "OK", "with a workspace key",
                "testedCredentialsId", Harness.WORKSPACE_KEY_ID);
    }

    private static void add(List<Call> list, String owner, String descriptor, String method, String kind,
            String fragment, String... parameters) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        list.add(new Call(owner, descriptor, method, map, kind, fragment));
    }
}
