package io.jenkins.plugins.buildstash.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import java.io.IOException;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * A Jenkins of a JenkinsRule pointed at the emulator, with its keys as global Secret text credentials: {@link #APP}
 * holds the application key, {@link #WORKSPACE} the workspace key.
 */
final class BuildstashInJenkins implements AutoCloseable {

    static final String APP = "bs-app";
    static final String WORKSPACE = "bs-workspace";

    final ApiFixture api;

    private BuildstashInJenkins(ApiFixture api) {
        this.api = api;
    }

    static BuildstashInJenkins start() throws IOException {
        return start(EmulatorOptions.defaults());
    }

    static BuildstashInJenkins start(EmulatorOptions options) throws IOException {
        BuildstashInJenkins b = new BuildstashInJenkins(ApiFixture.start(options));
        BuildstashGlobalConfiguration.get().setBaseUrl(b.api.emulator.apiBaseUrl());
        b.addCredential(CredentialsScope.GLOBAL, APP, b.api.seed.applicationKey());
        b.addCredential(CredentialsScope.GLOBAL, WORKSPACE, b.api.seed.workspaceKey());
        return b;
    }

    void addCredential(CredentialsScope scope, String id, String secret) throws IOException {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(new StringCredentialsImpl(scope, id, "Buildstash key " + id, Secret.fromString(secret)));
        store.save();
    }

    String stream() {
        return api.seed.streams().get(0);
    }

    @Override
    public void close() {
        api.close();
    }
}
