package io.jenkins.plugins.buildstash.jenkins.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.ProxyConfiguration;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildstash.api.ApiBaseUrl;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.ProxyRoute;
import io.jenkins.plugins.buildstash.api.ProxySettings;
import io.jenkins.plugins.buildstash.api.RetryPolicy;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins › System › Buildstash: where the API lives, the default credentials, and how transfers behave.
 * Configuration as code: {@code unclassified: buildstashUploader: ...}.
 */
@Extension
@Symbol("buildstashUploader")
public class BuildstashGlobalConfiguration extends GlobalConfiguration {

    private String baseUrl;
    private String credentialsId;
    private int connectTimeoutSeconds = SettingsForm.DEFAULT_CONNECT_TIMEOUT;
    private int requestTimeoutSeconds = SettingsForm.DEFAULT_REQUEST_TIMEOUT;
    private int stallTimeoutSeconds = SettingsForm.DEFAULT_STALL_TIMEOUT;
    private int partConcurrency = TransferSettings.DEFAULT_CONCURRENCY;
    private Integer retryAttempts;
    private boolean controllerProxyOnAgents;

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

    /**
     * The form is read and checked as a whole: bad values refuse the whole form, naming the field, and nothing is
     * kept; good ones are saved once. (Binding it to the setters would save after each and keep the first ones.)
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        SettingsForm form;
        try {
            form = SettingsForm.read(field -> json.optString(field, null));
        } catch (SettingsForm.Refused e) {
            throw new FormException(e.getMessage(), e.firstField());
        }
        if (!Objects.equals(form.baseUrl(), baseUrl)) {
            // Whoever sets it receives every job's API key.
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        }
        synchronized (this) {
            baseUrl = form.baseUrl();
            credentialsId = form.credentialsId();
            partConcurrency = form.partConcurrency();
            retryAttempts = form.retryAttempts();
            connectTimeoutSeconds = form.connectTimeoutSeconds();
            requestTimeoutSeconds = form.requestTimeoutSeconds();
            stallTimeoutSeconds = form.stallTimeoutSeconds();
        }
        save();
        return true;
    }

    public String getBaseUrl() {
        return baseUrl == null ? ApiBaseUrl.DEFAULT : baseUrl;
    }

    /**
     * For configuration as code and scripts; the form goes through {@link #configure}. Administrators only: whoever
     * sets it receives every job's API key. Checked where it is used ({@link ApiBaseUrl#parse}), as the form checks it.
     */
    @DataBoundSetter
    public void setBaseUrl(String baseUrl) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String value = TextInputs.blankToNull(baseUrl);
        this.baseUrl = ApiBaseUrl.DEFAULT.equals(value) ? null : value;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = TextInputs.blankToNull(credentialsId);
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int seconds) {
        this.connectTimeoutSeconds = seconds;
    }

    public int getRequestTimeoutSeconds() {
        return requestTimeoutSeconds;
    }

    @DataBoundSetter
    public void setRequestTimeoutSeconds(int seconds) {
        this.requestTimeoutSeconds = seconds;
    }

    public int getStallTimeoutSeconds() {
        return stallTimeoutSeconds;
    }

    @DataBoundSetter
    public void setStallTimeoutSeconds(int seconds) {
        this.stallTimeoutSeconds = seconds;
    }

    public int getPartConcurrency() {
        return partConcurrency;
    }

    @DataBoundSetter
    public void setPartConcurrency(int partConcurrency) {
        this.partConcurrency = partConcurrency;
    }

    /** Null means the per-call defaults (5 for storage transfers, 4 for API calls). */
    public Integer getRetryAttempts() {
        return retryAttempts;
    }

    @DataBoundSetter
    public void setRetryAttempts(Integer retryAttempts) {
        this.retryAttempts = retryAttempts;
    }

    /**
     * Off by default: agents then use their own JVM's proxy settings, as everything else on an agent does. On, they
     * send storage requests through the controller's proxy host, without its credentials, which never leave the
     * controller.
     */
    public boolean isControllerProxyOnAgents() {
        return controllerProxyOnAgents;
    }

    @DataBoundSetter
    public void setControllerProxyOnAgents(boolean controllerProxyOnAgents) {
        this.controllerProxyOnAgents = controllerProxyOnAgents;
        save();
    }

    RetryPolicy.Limits retryLimits() {
        RetryPolicy.Limits defaults = RetryPolicy.Limits.defaults();
        return retryAttempts == null ? defaults : defaults.withAttempts(retryAttempts);
    }

    /**
     * A client on the controller, through Jenkins' proxy, that never follows redirects with the key. Not core's
     * {@code ProxyConfiguration.newHttpClientBuilder()}: with a proxy user it installs an authenticator, and Java 17
     * and 21 then drop the key's {@code Authorization} header (JDK-8326949). The HTTP client itself is shared by every
     * run and connection test with the same settings.
     */
    public BuildstashClient client(ApiKey key, Consumer<String> log) {
        return client(key, getBaseUrl(), log);
    }

    public BuildstashClient client(ApiKey key, String baseUrl, Consumer<String> log) {
        return BuildstashClient.builder(key)
                .baseUrl(baseUrl)
                .proxy(proxy())
                .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
                .requestTimeout(Duration.ofSeconds(requestTimeoutSeconds))
                .retryPolicy(new RetryPolicy(retryLimits()))
                .log(log)
                .build();
    }

    /** How agents send bytes; {@code concurrency} overrides the default when the step sets one. */
    public TransferSettings transferSettings(Integer concurrency) {
        return TransferSettings.defaults()
                .withConcurrency(concurrency == null ? partConcurrency : concurrency)
                .withConnectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
                .withStallTimeout(Duration.ofSeconds(stallTimeoutSeconds))
                .withRetryLimits(retryLimits())
                .withProxy(controllerProxyOnAgents ? agentProxyRoute() : null);
    }

    /** Jenkins' proxy (Manage Jenkins › System › HTTP Proxy) with its credentials, for API calls on the controller. */
    static ProxySettings proxy() {
        ProxyConfiguration p = Jenkins.get().getProxy();
        if (p == null || p.name == null || p.name.isBlank()) {
            return null;
        }
        String password = p.getSecretPassword() == null ? null : p.getSecretPassword().getPlainText();
        return ProxySettings.of(p.name, p.port, noProxyHosts(p), p.getUserName(), password);
    }

    /** Where Jenkins' proxy is, without its credentials: all an agent may be told. */
    private static ProxyRoute agentProxyRoute() {
        ProxyConfiguration p = Jenkins.get().getProxy();
        if (p == null || p.name == null || p.name.isBlank()) {
            return null;
        }
        return new ProxyRoute(p.name, p.port, noProxyHosts(p));
    }

    private static List<String> noProxyHosts(ProxyConfiguration p) {
        // The separators core's ProxyConfiguration.getNoProxyHostPatterns splits on.
        return p.getNoProxyHost() == null ? List.of() : Arrays.asList(p.getNoProxyHost().split("[ \t\n,|]+"));
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

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return BuildstashCredentials.items(null, credentialsId, getBaseUrl());
    }

    @POST
    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return BuildstashCredentials.check(null, value);
    }

    /** Tries the base URL and key typed in the form, before they are saved. */
    @POST
    public FormValidation doTestConnection(@QueryParameter String baseUrl, @QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return ConnectionCheck.run(this, null, baseUrl, credentialsId, null);
    }
}
