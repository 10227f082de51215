package io.jenkins.plugins.buildstash.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Manage Jenkins › System › Buildstash in a real Jenkins. */
@WithJenkins
class GlobalConfigurationInJenkinsTest {

    @Test
    void systemScopedCredentialsAreNeitherOfferedNorAcceptedNorTested(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start()) {
            b.addCredential(CredentialsScope.SYSTEM, "bs-system", b.api.seed.applicationKey());
            BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();

            ListBoxModel offered = config.doFillCredentialsIdItems("");
            assertThat(offered).extracting(option -> option.value).contains(BuildstashInJenkins.APP)
                    .doesNotContain("bs-system");
            assertThat(config.doCheckCredentialsId("bs-system").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(config.doCheckCredentialsId(BuildstashInJenkins.APP).kind).isEqualTo(FormValidation.Kind.OK);
            // No build can read a SYSTEM credential: "Connected" here would be followed by failing builds.
            FormValidation tested = config.doTestConnection("", "bs-system");
            assertThat(tested.kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(config.doTestConnection("", BuildstashInJenkins.APP).kind).isEqualTo(FormValidation.Kind.OK);
        }
    }

    @Test
    void aBadValueRefusesTheWholeFormNamingTheFieldAndKeepsNothing(JenkinsRule r) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.setThrowExceptionOnFailingStatusCode(false);
        HtmlForm form = wc.goTo("configure").getFormByName("config");
        form.getInputByName("_.connectTimeoutSeconds").setValue("25");
        form.getInputByName("_.partConcurrency").setValue("99");

        HtmlPage answer = r.submit(form);

        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(answer.asNormalizedText()).contains("Parts sent in parallel must be a whole number from 1 to 16, not '99'");
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        assertThat(config.getConnectTimeoutSeconds()).as("no half-saved form").isEqualTo(10);
        assertThat(config.getPartConcurrency()).isEqualTo(8);
    }

    @Test
    void aBlankNumberFieldMeansItsDefaultNotZero(JenkinsRule r) throws Exception {
        BuildstashGlobalConfiguration.get().setPartConcurrency(4);
        HtmlForm form = r.createWebClient().goTo("configure").getFormByName("config");
        form.getInputByName("_.partConcurrency").setValue("");
        form.getInputByName("_.stallTimeoutSeconds").setValue("300");

        r.submit(form);

        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        assertThat(config.getPartConcurrency()).isEqualTo(8);
        assertThat(config.getStallTimeoutSeconds()).isEqualTo(300);
    }
}
