package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Seed;
import io.jenkins.plugins.buildstash.testing.Files2;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploaderSmokeTest {

    @TempDir
    Path dir;

    @Test
    void uploadsSingleAndMultipartFiles() throws Exception {
        try (BuildstashEmulator emulator = BuildstashEmulator.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(3L << 20).withPartSizeMb(1))) {
            Seed seed = emulator.seedDefaults();
            BuildstashClient client = BuildstashClient.builder(ApiKey.of(seed.applicationKey()))
                    .baseUrl(emulator.apiBaseUrl()).build();
            List<String> log = new ArrayList<>();
            Uploader uploader = new Uploader(client, new LocalFileSide(log::add), log::add);
            for (long size : new long[] {1000, (5L << 20) + 7}) {
                Path file = Files2.random(dir, "app-" + size + ".apk", size, size);
                UploadResult result = uploader.upload(new UploadSpec(LocalFile.of(file), null, List.of(),
                        UploadOptions.builder().platform("android").stream("beta").version(1, 0, (int) (size % 100)).build(),
                        null));
                assertThat(emulator.storedBuild(result.buildId()).orElseThrow().primary().sha256())
                        .isEqualTo(Files2.sha256(file));
            }
        }
    }
}
