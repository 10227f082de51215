package io.jenkins.plugins.buildstash.testing;

import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Seed;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An emulator with the default workspace, and clients for its keys whose retries wait on a {@link RecordingSleeper}.
 * Keys are registered with the {@link SecretLedger}; log lines are observed by it.
 */
public final class ApiFixture implements AutoCloseable {

    public final BuildstashEmulator emulator;
    public final Seed seed;
    public final RecordingSleeper sleeper = new RecordingSleeper();
    public final List<String> log = new CopyOnWriteArrayList<>();

    private ApiFixture(BuildstashEmulator emulator) {
        this.emulator = emulator;
        this.seed = emulator.seedDefaults();
        SecretLedger.secret(seed.applicationKey());
        SecretLedger.secret(seed.workspaceKey());
    }

    public static ApiFixture start() throws IOException {
        return start(EmulatorOptions.defaults());
    }

    public static ApiFixture start(EmulatorOptions options) throws IOException {
        return new ApiFixture(BuildstashEmulator.start(options));
    }

    public BuildstashClient.Builder builder(String key) {
        SecretLedger.secret(key);
        return BuildstashClient.builder(ApiKey.of(key))
                .baseUrl(emulator.apiBaseUrl())
                .sleeper(sleeper)
                .random(new SplittableRandom(7))
                .log(SecretLedger.log("client log", log));
    }

    public BuildstashClient client(String key) {
        return builder(key).build();
    }

    public BuildstashClient appClient() {
        return client(seed.applicationKey());
    }

    public BuildstashClient workspaceClient() {
        return client(seed.workspaceKey());
    }

    /**
     * The key side with the application key and a local file side, both logging into {@code log} (as {@code source}
     * in the {@link SecretLedger}).
     */
    public Uploader uploader(String source, List<String> log) {
        return new Uploader(appClient(), new LocalFileSide(SecretLedger.log(source, log), sleeper),
                SecretLedger.log(source, log));
    }

    @Override
    public void close() {
        emulator.close();
    }
}
