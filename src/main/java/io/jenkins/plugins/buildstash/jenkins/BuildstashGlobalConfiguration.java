package io.jenkins.plugins.buildstash.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.jenkins.plugins.buildstash.api.ApiBaseUrl;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Manage Jenkins › System › Buildstash: where the API lives and the defaults every job inherits. */
@Extension
@Symbol("buildstashUploader")
public class BuildstashGlobalConfiguration extends GlobalConfiguration {

    private String baseUrl;

    public BuildstashGlobalConfiguration() {
        load();
    }

    public static BuildstashGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(BuildstashGlobalConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "Buildstash";
    }

    public String getBaseUrl() {
        return baseUrl == null ? ApiBaseUrl.DEFAULT : baseUrl;
    }

    /** Administrators only: a job that could redirect the API key to another host could capture it. */
    @DataBoundSetter
    public void setBaseUrl(String baseUrl) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String value = baseUrl == null || baseUrl.isBlank() ? null : ApiBaseUrl.parse(baseUrl).toString();
        this.baseUrl = ApiBaseUrl.DEFAULT.equals(value) ? null : value;
        save();
    }

    @POST
    public FormValidation doCheckBaseUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            ApiBaseUrl.parse(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
