package io.jenkins.plugins.buildstash.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.RetryPolicy;
import io.jenkins.plugins.buildstash.api.Sleeper;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.RateLimit;
import io.jenkins.plugins.buildstash.emulator.RequestRecord;
import io.jenkins.plugins.buildstash.emulator.RetryAfter;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases downloaded in real time against a download limit set low, with no pacing, so that Buildstash answers 429:
 * every download completes, and no request goes out before the {@code Retry-After} of the 429 before it.
 */
class ReleaseDownloadRateLimitTest {

    private static final String[] PLATFORMS = {"android", "ios", "windows"};
    private static final String[] EXTENSIONS = {"apk", "ipa", "exe"};

    @TempDir
    Path workspace;

    /** A release of {@code count} builds over three platforms; returns the content of each file by its path. */
    private static List<byte[]> release(ReleaseFixture fx, int count, List<String> paths) {
        List<String> builds = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String platform = PLATFORMS[i % 3];
            String name = String.format("space-game-%02d.%s", i, EXTENSIONS[i % 3]);
            byte[] content = ReleaseFixture.bytes(20_000 + i, 100 + i);
            builds.add(fx.build(platform, "production", "3.0.0", name, content));
            paths.add("buildstash-release/" + platform + "/" + name);
            contents.add(content);
        }
        fx.release("3.0.0", "Everything", List.of(), builds.toArray(String[]::new));
        return contents;
    }

    /** The standard policy without the extra jitter after Retry-After, so that the test spends no time it need not. */
    private static BuildstashClient client(ReleaseFixture fx) {
        RetryPolicy.Limits d = RetryPolicy.Limits.defaults();
        RetryPolicy policy = new RetryPolicy(new RetryPolicy.Limits(d.storageAttempts(), d.apiAttempts(),
                d.createUploadAttempts(), d.abortAttempts(), d.transientBase(), d.throttledBase(), d.backoffCap(),
                d.longestRetryAfter(), Duration.ZERO));
        return BuildstashClient.builder(ApiKey.of(fx.seed.applicationKey())).baseUrl(fx.emulator.apiBaseUrl())
                .retryPolicy(policy).log(fx.log::add).build();
    }

    private ReleaseResult download(ReleaseFixture fx) throws Exception {
        Pacer unpaced = new Pacer(Duration.ZERO, Clock.systemUTC(), Sleeper.SYSTEM);
        return new ReleaseFetcher(client(fx), new LocalDownloadSide(workspace, fx.log::add), unpaced, fx.log::add)
                .fetch(ReleaseSelection.byVersion(fx.seed.applicationId(), "3.0.0"),
                        new DownloadPlan(null, List.of(), TransferSettings.defaults()));
    }

    private void assertByteIdentical(List<String> paths, List<byte[]> contents) throws Exception {
        for (int i = 0; i < paths.size(); i++) {
            assertThat(ReleaseFixture.sha256(Files.readAllBytes(workspace.resolve(paths.get(i)))))
                    .as(paths.get(i)).isEqualTo(ReleaseFixture.sha256(contents.get(i)));
        }
    }

    private static List<RequestRecord> downloadCalls(ReleaseFixture fx) {
        return fx.emulator.requestLog().stream().filter(r -> r.route().equals("downloadBuild")).toList();
    }

    @Test
    void fortyBuildsCompleteUnderALowLimitAndNoRequestPrecedesItsRetryAfter() throws Exception {
        EmulatorOptions options = EmulatorOptions.defaults()
                .withRateLimits(List.of(RateLimit.perApplication(5, Duration.ofSeconds(1), "downloadBuild")));
        try (ReleaseFixture fx = ReleaseFixture.start(options)) {
            List<String> paths = new ArrayList<>();
            List<byte[]> contents = release(fx, 40, paths);

            ReleaseResult result = download(fx);

            assertThat(result.downloaded()).hasSize(40);
            assertByteIdentical(paths, contents);
            List<RequestRecord> calls = downloadCalls(fx);
            long refused = calls.stream().filter(r -> r.status() == 429).count();
            // 40 requests at 5 a second cannot all fit: at least one 429, usually seven (how many depends on timing).
            assertThat(refused).as("429 answers").isPositive();
            assertThat(calls).filteredOn(r -> r.status() == 200).hasSize(40);
            for (int i = 0; i < calls.size() - 1; i++) {
                RequestRecord call = calls.get(i);
                if (call.status() == 429) {
                    Instant allowed = call.at().plusSeconds(Long.parseLong(call.retryAfter()));
                    assertThat(calls.get(i + 1).at()).as("the request after the 429 at " + call.at())
                            .isAfterOrEqualTo(allowed);
                }
            }
            assertThat(fx.log).anyMatch(l -> l.startsWith("Retrying GET /applications/")
                    && l.contains("Buildstash is rate-limiting"));
        }
    }

    @Test
    void aRetryAfterGivenAsADateIsWaitedOutToo() throws Exception {
        EmulatorOptions options = EmulatorOptions.defaults()
                .withRetryAfterStyle(RetryAfter.Style.HTTP_DATE)
                .withRateLimits(List.of(RateLimit.perApplication(3, Duration.ofSeconds(1), "downloadBuild")));
        try (ReleaseFixture fx = ReleaseFixture.start(options)) {
            List<String> paths = new ArrayList<>();
            // Seven quick requests span at most two one-second windows, so one of them gets more than three: a 429.
            List<byte[]> contents = release(fx, 7, paths);

            download(fx);

            assertByteIdentical(paths, contents);
            List<RequestRecord> calls = downloadCalls(fx);
            assertThat(calls).filteredOn(r -> r.status() == 429).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.retryAfter()).endsWith(" GMT"));
            for (int i = 0; i < calls.size() - 1; i++) {
                RequestRecord call = calls.get(i);
                if (call.status() == 429) {
                    Instant allowed = ZonedDateTime.parse(call.retryAfter(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    assertThat(calls.get(i + 1).at()).isAfterOrEqualTo(allowed);
                }
            }
        }
    }
}
