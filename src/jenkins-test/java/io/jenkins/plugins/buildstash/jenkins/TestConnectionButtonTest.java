package io.jenkins.plugins.buildstash.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Test connection button of the job forms, pressed in the WebClient. */
@WithJenkins
class TestConnectionButtonTest {

    @Test
    void theButtonTestsTheCredentialSelectedInTheDropDown(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start()) {
            // The default is the workspace key; the job's form selects the application key.
            BuildstashGlobalConfiguration.get().setCredentialsId(BuildstashInJenkins.WORKSPACE);
            FreeStyleProject job = r.createFreeStyleProject();
            BuildstashUploadRecorder recorder = new BuildstashUploadRecorder("app.apk");
            recorder.setCredentialsId(BuildstashInJenkins.APP);
            job.getPublishersList().add(recorder);
            JenkinsRule.WebClient wc = r.createWebClient();
            HtmlPage page = wc.getPage(job, "configure");
            wc.waitForBackgroundJavaScript(5000);
            HtmlSelect select = (HtmlSelect) page.querySelector("select[name='_.credentialsId']");
            assertThat(select.getSelectedOptions()).singleElement()
                    .satisfies(option -> assertThat(option.getValueAttribute()).isEqualTo(BuildstashInJenkins.APP));

            HtmlButton button = null;
            for (DomElement e : page.getElementsByTagName("button")) {
                if (e.getTextContent().trim().equals("Test connection")) {
                    button = (HtmlButton) e;
                }
            }
            assertThat(button).as("the Test connection button").isNotNull();
            button.click();
            wc.waitForBackgroundJavaScript(10000);

            String status = button.getParentNode().querySelector(".jenkins-validate-button__container__status")
                    .asNormalizedText();
            assertThat(status).contains("application key").doesNotContain("with a workspace key");
        }
    }
}
