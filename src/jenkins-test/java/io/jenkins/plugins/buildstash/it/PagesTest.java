package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import io.jenkins.plugins.buildstash.it.Harness.SeededRelease;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashReleaseDownloadBuilder;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashReleaseStep;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashUploadStep;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.htmlunit.WebClientUtil;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every view of the plugin rendered by a real Jenkins: the build page boxes, the two action pages, the job page link,
 * the global configuration section, the Freestyle forms on a job's configure page, and each step's form in the
 * Pipeline Syntax page; each with no Jelly, JEXL or Stapler warning logged while it renders.
 */
@WithJenkins
class PagesTest {

    /** The loggers that report a view that fails to compile or evaluate, and the plugin's own. */
    private static final List<String> VIEW_LOGGERS = List.of("org.apache.commons.jelly", "org.apache.commons.jexl",
            "org.kohsuke.stapler", "hudson", "jenkins", "io.jenkins.plugins.buildstash",
            "org.jenkinsci.plugins.workflow.cps");

    private JenkinsRule r;
    private Harness h;
    private WorkflowJob job;
    private WorkflowRun run;
    private String buildId;
    private SeededRelease release;
    private LogRecorder views;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        this.r = rule;
        this.h = Harness.start(r);
        this.release = h.seedRelease();
        this.job = h.pipeline("pages", "node('remote') {\n"
                + "    buildstashUpload file: 'out/SpaceGame.zip', " + Harness.uploadArgs("windows") + "\n"
                + "    buildstashRelease credentialsId: 'buildstash-app-key', version: '2.3.0', download: true\n}\n");
        h.putFile(job, "out/SpaceGame.zip", 2_500_000, 40);
        this.run = r.buildAndAssertSuccess(job);
        this.buildId = run.getAction(BuildstashRunAction.class).getLatest().getBuildId();
        this.views = new LogRecorder().quiet();
        for (String logger : VIEW_LOGGERS) {
            views.record(logger, Level.WARNING);
        }
        views.capture(1000);
    }

    @AfterEach
    void noWarningAndNoSecretLeft() throws Exception {
        try {
            List<String> warnings = views.getRecords().stream()
                    .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                    .filter(PagesTest::aboutViews)
                    .map(record -> record.getLoggerName() + ": " + record.getMessage()
                            + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"))
                    .toList();
            assertThat(warnings).as("warnings logged while the views rendered").isEmpty();
            h.assertNoSecretLeft();
        } finally {
            views.close();
            h.close();
        }
    }

    @Test
    void theBuildPageShowsTheUploadAndTheReleaseBoxes() throws Exception {
        HtmlPage page = client().getPage(run);

        String html = page.getWebResponse().getContentAsString();
        String text = page.asNormalizedText().replace('\u00a0', ' ');
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(text).contains("Uploaded to Buildstash:")
                .contains("SpaceGame.zip 1.2.3 · windows · beta · 2.38 MiB")
                .contains("Buildstash release:")
                .contains("2.3.0 “Summer Update” · 2 build(s)")
                .contains("windows 2.3.0 (production)")
                .contains("android 2.3.0 (production)");
        assertThat(html).contains("href=\"https://app.buildstash.com/builds/" + buildId + "\"")
                .contains("href=\"buildstash-uploader-releases/\"")
                .contains("href=\"https://app.buildstash.com/builds/" + release.windowsBuildId() + "\"");
    }

    @Test
    void theUploadsPageListsEveryUploadWithItsLinks() throws Exception {
        HtmlPage page = client().getPage(run, "buildstash-uploader/");

        String html = page.getWebResponse().getContentAsString();
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getTitleText()).startsWith("Buildstash uploads of pages #1");
        assertThat(html).contains("<h1>Buildstash</h1>")
                .contains("SpaceGame.zip")
                .contains("data=\"2500000\"")
                .contains("<code>" + buildId + "</code>")
                .contains("href=\"https://app.buildstash.com/builds/" + buildId + "\"")
                .contains("href=\"https://app.buildstash.com/builds/" + buildId + "/download\"");
    }

    @Test
    void theReleasePageShowsTheReleaseItsNotesAndWhereItsFilesWent() throws Exception {
        HtmlPage page = client().getPage(run, "buildstash-uploader-releases/");

        String html = page.getWebResponse().getContentAsString();
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(html).contains("<h1>Buildstash release</h1>")
                .contains("<code>" + release.id() + "</code>")
                .contains("## Highlights")
                .contains("<code>buildstash-release/windows/SpaceGameSetup.exe</code>")
                .contains("buildstash-release/android/space-game.apk")
                .contains("data=\"200000\"");
        assertThat(page.asNormalizedText().replace('\u00a0', ' ')).contains("2.3.0 “Summer Update”")
                .contains(" · labels: approved");
    }

    @Test
    void theJobPageLinksToTheLatestUploadedBuild() throws Exception {
        HtmlPage page = client().getPage(job);

        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.getAnchors()).anySatisfy(a -> {
            assertThat(a.getHrefAttribute()).isEqualTo("https://app.buildstash.com/builds/" + buildId);
            assertThat(a.getTextContent()).contains("Latest Buildstash build (1.2.3)");
        });
    }

    @Test
    void theGlobalConfigurationPageHasTheBuildstashSection() throws Exception {
        HtmlPage page = client().goTo("manage/configure");

        String html = page.getWebResponse().getContentAsString();
        assertThat(html).contains("API base URL").contains("Default credentials").contains("Test connection")
                .contains("Parts sent in parallel").contains("Transfer stall timeout (seconds)");
        assertThat(page.getElementsByName("_.baseUrl")).singleElement()
                .satisfies(input -> assertThat(input.getAttribute("value")).isEqualTo(h.emulator.apiBaseUrl()));
    }

    @Test
    void theFreestyleConfigurePageShowsThePostBuildActionAndTheDownloadStep() throws Exception {
        FreeStyleProject freestyle = r.createFreeStyleProject("freestyle-forms");
        BuildstashUploadRecorder upload = new BuildstashUploadRecorder("out/${APP}.apk");
        upload.setPlatform("android");
        upload.setStream("beta");
        upload.setVersionMajor("2");
        upload.setVersionMinor("4");
        upload.setVersionPatch("${BUILD_NUMBER}");
        freestyle.getPublishersList().add(upload);
        BuildstashReleaseDownloadBuilder download = new BuildstashReleaseDownloadBuilder();
        download.setVersion("${RELEASE_VERSION}");
        freestyle.getBuildersList().add(download);

        HtmlPage page = client().getPage(freestyle, "configure");

        String html = page.getWebResponse().getContentAsString();
        assertThat(html).contains("Upload to Buildstash").contains("Download a release from Buildstash")
                .contains("Upload only if the build succeeded").contains("Version: major")
                .contains("Newest release with builds on platforms").contains("Download only these platforms")
                .contains("value=\"out/${APP}.apk\"").contains("value=\"${RELEASE_VERSION}\"");
    }

    @Test
    void thePipelineSyntaxPageRendersTheFormOfEachStep() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        HtmlPage page = wc.getPage(job, "pipeline-syntax");

        showStep(wc, page, "buildstashUpload: Upload a build to Buildstash");
        String upload = page.asXml();
        assertThat(upload).contains("_.versionMajor").contains("_.metadataArtifacts").contains("Test connection");
        showStep(wc, page, "buildstashRelease: Fetch a release from Buildstash");
        assertThat(page.asXml()).contains("Newest release with builds on platforms")
                .contains("Download the builds' files into the workspace");

        HtmlPage reference = wc.getPage(job, "pipeline-syntax/html");
        assertThat(reference.getWebResponse().getContentAsString()).contains("buildstashUpload")
                .contains("buildstashRelease").contains("versionMajor").contains("downloadPlatforms");
    }

    @Test
    void theHelpOfEveryFieldOfEveryFormIsServed() throws Exception {
        JenkinsRule.WebClient wc = client().withThrowExceptionOnFailingStatusCode(false);
        List<String> missing = new java.util.ArrayList<>();
        int fields = 0;
        int served = 0;
        for (Class<?> type : List.of(BuildstashUploadStep.class, BuildstashUploadRecorder.class,
                BuildstashReleaseStep.class, BuildstashReleaseDownloadBuilder.class)) {
            for (DescribableParameter parameter : DescribableModel.of(type).getParameters()) {
                fields++;
                served += help(wc, type.getName(), parameter.getName(), missing);
            }
        }
        for (String field : List.of("baseUrl", "credentialsId", "partConcurrency", "retryAttempts",
                "connectTimeoutSeconds", "requestTimeoutSeconds", "stallTimeoutSeconds", "controllerProxyOnAgents")) {
            fields++;
            served += help(wc, BuildstashGlobalConfiguration.class.getName(), field, missing);
        }
        assertThat(missing).as("fields without help").isEmpty();
        // At least 30 upload options, the same plus onlyIfSuccessful, 9 release options, 8 without download, 8 global.
        assertThat(fields).isGreaterThanOrEqualTo(30 + 31 + 9 + 8 + 8);
        assertThat(served).isEqualTo(fields);
    }

    private static int help(JenkinsRule.WebClient wc, String descriptor, String field, List<String> missing)
            throws Exception {
        var response = wc.goTo("descriptor/" + descriptor + "/help/" + field, null).getWebResponse();
        if (response.getStatusCode() != 200 || response.getContentAsString().isBlank()) {
            missing.add(descriptor + "#" + field + " (HTTP " + response.getStatusCode() + ")");
            return 0;
        }
        return 1;
    }

    /** Picks the step in the snippet generator's list, which renders its form on demand. */
    private static void showStep(JenkinsRule.WebClient wc, HtmlPage page, String title) {
        for (Object element : page.getByXPath("//select")) {
            HtmlSelect select = (HtmlSelect) element;
            for (HtmlOption option : select.getOptions()) {
                if (option.getText().trim().equals(title)) {
                    select.setSelectedAttribute(option, true);
                    WebClientUtil.waitForJSExec(wc);
                    wc.waitForBackgroundJavaScript(10_000);
                    return;
                }
            }
        }
        throw new AssertionError("the snippet generator does not offer '" + title + "'");
    }

    private JenkinsRule.WebClient client() {
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);
        return wc;
    }

    private static boolean aboutViews(LogRecord record) {
        String logger = String.valueOf(record.getLoggerName()).toLowerCase(Locale.ROOT);
        String text = (record.getMessage() + " " + record.getThrown()).toLowerCase(Locale.ROOT);
        return logger.contains("jelly") || logger.contains("jexl") || logger.contains("stapler")
                || logger.contains("expressionfactory") || logger.contains("buildstash")
                || text.contains("jelly") || text.contains("jexl") || text.contains("expression")
                || text.contains("buildstash");
    }
}
