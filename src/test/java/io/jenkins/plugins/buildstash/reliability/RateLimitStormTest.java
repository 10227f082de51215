package io.jenkins.plugins.buildstash.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.RateLimit;
import io.jenkins.plugins.buildstash.emulator.RequestRecord;
import io.jenkins.plugins.buildstash.emulator.RetryAfter;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import io.jenkins.plugins.buildstash.testing.VirtualTime;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 429 storms in virtual time: the emulator's clock moves only when the client waits (see {@link VirtualTime}), so a
 * 30-second storm takes milliseconds, and the emulator's request log shows when each request went out. Every storm
 * is a route answering 429 to every request until a moment on that clock (or a rate limit that refuses all but a few
 * requests per window).
 */
class RateLimitStormTest {

    private static final long MIB = 1024 * 1024;
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration ASKED = Duration.ofSeconds(15);

    /** The two forms of {@code Retry-After} (RFC 9110 §10.2.3). */
    enum Form {
        SECONDS,
        HTTP_DATE;

        RetryAfter header(Duration wait) {
            return this == SECONDS ? RetryAfter.seconds(wait.toSeconds()) : RetryAfter.httpDate(wait);
        }

        /** The earliest moment a client may come back after a 429 at {@code at}. */
        Instant earliestRetry(Instant at, Duration wait) {
            Instant due = at.plus(wait);
            // The emulator writes the date rounded up to a whole second, never earlier than asked.
            return this == SECONDS || due.getNano() == 0 ? due : due.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }

        RetryAfter.Style style() {
            return this == SECONDS ? RetryAfter.Style.SECONDS : RetryAfter.Style.HTTP_DATE;
        }
    }

    @TempDir
    Path dir;

    private final VirtualTime time = new VirtualTime(START);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private ApiFixture api;

    private void start(EmulatorOptions options) throws Exception {
        api = ApiFixture.start(options.withClock(time.clock()).withMultipartThresholdBytes(MIB - 1).withPartSizeMb(1));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (api != null) {
            api.close();
        }
        assertThat(SoakThreads.awaitNoneNamed(SoakThreads.ENGINE, Duration.ofSeconds(5))).as("threads left").isEmpty();
    }

    private Uploader uploader() {
        BuildstashClient client = api.builder(api.seed.applicationKey())
                .sleeper(time)
                .clock(time.clock())
                .log(SecretLedger.log("storm key side", log))
                .build();
        return new Uploader(client, new LocalFileSide(SecretLedger.log("storm file side", log), time),
                SecretLedger.log("storm key side", log));
    }

    private static UploadSpec spec(Path file, int concurrency) throws Exception {
        return new UploadSpec(LocalFile.of(file), null, List.of(),
                UploadOptions.builder().platform("windows").stream("beta").version(2, 0, 1).build(),
                TransferSettings.defaults().withConcurrency(concurrency));
    }

    private UploadResult uploadByteIdentical(Path file, int concurrency) throws Exception {
        UploadResult result = uploader().upload(spec(file, concurrency));
        assertThat(api.emulator.storedBuild(result.buildId()).orElseThrow().primary().sha256())
                .as("bytes on Buildstash").isEqualTo(Files2.sha256(file));
        assertThat(api.emulator.pendingUploads()).isEmpty();
        return result;
    }

    private List<RequestRecord> requestsTo(String route) {
        return api.emulator.requestLog().stream().filter(r -> r.route().equals(route)).toList();
    }

    static Stream<Arguments> stormedRoutes() {
        List<Arguments> cases = new ArrayList<>();
        for (String route : List.of("requestUpload", "requestMultipartPart", "storageUploadPart", "verifyUpload")) {
            for (Form form : Form.values()) {
                cases.add(Arguments.of(route, form));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, Retry-After as {1}")
    @MethodSource("stormedRoutes")
    void anUploadRidesOutAThirtySecondStormAndNeverComesBackBeforeItsRetryAfter(String route, Form form)
            throws Exception {
        start(EmulatorOptions.defaults());
        Instant end = START.plusSeconds(30);
        api.emulator.faults().on(route).always().until(end).inject(Fault.status(429).withRetryAfter(form.header(ASKED)));

        uploadByteIdentical(Files2.random(dir, "game.pak", 4 * MIB + 5, 30), 4);

        List<RequestRecord> stormed = requestsTo(route);
        assertThat(stormed).filteredOn(r -> r.status() == 429).as("429 answers").hasSizeGreaterThanOrEqualTo(2);
        assertNoRequestBeforeItsRetryAfter(stormed, form);
        // Nothing on the route got through before the storm ended.
        assertThat(stormed).filteredOn(r -> r.status() / 100 == 2)
                .allSatisfy(r -> assertThat(r.at()).isAfterOrEqualTo(end));
        assertThat(log).anyMatch(line -> line.startsWith("Retrying ") && line.contains("HTTP 429"));
    }

    @ParameterizedTest(name = "Retry-After as {0}")
    @EnumSource(Form.class)
    void aRateLimitedPresignRouteIsWaitedOutWindowByWindow(Form form) throws Exception {
        // Three part URLs per 30-second window for this application: ten parts need four windows.
        Duration window = Duration.ofSeconds(30);
        start(EmulatorOptions.defaults().withRetryAfterStyle(form.style())
                .withRateLimits(List.of(RateLimit.perApplication(3, window, "requestMultipartPart"))));

        uploadByteIdentical(Files2.random(dir, "game.pak", 10 * MIB, 31), 4);

        List<RequestRecord> presigns = requestsTo("requestMultipartPart");
        assertThat(presigns).filteredOn(r -> r.status() == 200).hasSize(10);
        assertThat(presigns).filteredOn(r -> r.status() == 429).isNotEmpty();
        for (int i = 0; i + 1 < presigns.size(); i++) {
            RequestRecord refused = presigns.get(i);
            if (refused.status() == 429) {
                // Retry-After names the end of the window: the next request must fall in a later one.
                assertThat(windowOf(presigns.get(i + 1).at(), window)).as("window of the request after " + refused)
                        .isGreaterThan(windowOf(refused.at(), window));
            }
        }
    }

    @Test
    void aLongerStormEndsInAClearFailureWithinTheRetryBudgetAndAbortsThePendingUpload() throws Exception {
        start(EmulatorOptions.defaults());
        api.emulator.faults().on("requestMultipartPart").always().until(START.plus(Duration.ofMinutes(10)))
                .inject(Fault.status(429).withRetryAfter(RetryAfter.seconds(15)));

        BuildstashException e = catchThrowableOfType(BuildstashException.class,
                () -> uploader().upload(spec(Files2.random(dir, "game.pak", 4 * MIB, 32), 4)));

        SecretLedger.observe("long storm", e);
        assertThat(e.getMessage()).isEqualTo("Buildstash is rate-limiting POST /upload/request/multipart (HTTP 429,"
                + " asked to wait 15 s) (gave up after 4 attempts)");
        assertThat(requestsTo("requestMultipartPart")).hasSize(4);
        assertNoRequestBeforeItsRetryAfter(requestsTo("requestMultipartPart"), Form.SECONDS);
        // Three waits of 15 s plus at most 1 s of jitter each: the whole retry budget of the call.
        assertThat(time.waited()).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(48));
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
        assertThat(log).anyMatch(line -> line.startsWith("Aborted the pending upload "));
    }

    @ParameterizedTest(name = "Retry-After as {0}")
    @EnumSource(Form.class)
    void aStormAskingForMoreThanTwoMinutesFailsAtOnceSayingSo(Form form) throws Exception {
        start(EmulatorOptions.defaults());
        api.emulator.faults().on("requestMultipartPart").always()
                .inject(Fault.status(429).withRetryAfter(form.header(Duration.ofSeconds(900))));

        BuildstashException e = catchThrowableOfType(BuildstashException.class,
                () -> uploader().upload(spec(Files2.random(dir, "game.pak", 2 * MIB, 33), 4)));

        SecretLedger.observe("storm beyond the ceiling", e);
        assertThat(e.getMessage()).isEqualTo("Buildstash is rate-limiting POST /upload/request/multipart (HTTP 429,"
                + " asked to wait 900 s) (Buildstash asked to wait 900 s, longer than the 120 s we wait at most)");
        assertThat(requestsTo("requestMultipartPart")).hasSize(1);
        assertThat(time.waits()).isEmpty();
        assertThat(api.emulator.pendingUploads()).isEmpty();
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
    }

    @Test
    void aStormWithoutRetryAfterEndsWhenTheAttemptsRunOut() throws Exception {
        start(EmulatorOptions.defaults());
        api.emulator.faults().on("storageUploadPart").always().inject(Fault.status(429));

        BuildstashException e = catchThrowableOfType(BuildstashException.class,
                () -> uploader().upload(spec(Files2.random(dir, "game.pak", 3 * MIB, 34), 1)));

        SecretLedger.observe("storm without Retry-After", e);
        assertThat(e.getMessage()).isEqualTo("Storage refused part 1 of 3 of game.pak (HTTP 429 ServiceUnavailable:"
                + " Too Many Requests) (gave up after 5 attempts)");
        assertThat(requestsTo("storageUploadPart")).hasSize(5);
        // Throttled backoff: full jitter over 1 s, 2 s, 4 s, 8 s.
        assertThat(time.waits()).hasSize(4);
        for (int retry = 1; retry <= 4; retry++) {
            assertThat(time.waits().get(retry - 1)).isLessThanOrEqualTo(Duration.ofSeconds(1L << (retry - 1)));
        }
        assertThat(api.emulator.pendingUploads()).isEmpty();
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
    }

    /**
     * After each 429, the next request for the same thing (the same path: one part, or one API operation, which the
     * engine calls from one thread at a time) went out no sooner than that 429's {@code Retry-After} allowed.
     */
    private static void assertNoRequestBeforeItsRetryAfter(List<RequestRecord> requests, Form form) {
        Map<String, RequestRecord> lastByPath = new LinkedHashMap<>();
        int checked = 0;
        for (RequestRecord r : requests) {
            RequestRecord previous = lastByPath.put(r.path(), r);
            if (previous != null && previous.status() == 429) {
                assertThat(r.at()).as("%s %s after the 429 at %s", r.method(), r.path(), previous.at())
                        .isAfterOrEqualTo(form.earliestRetry(previous.at(), ASKED));
                checked++;
            }
        }
        assertThat(checked).as("requests that followed a 429").isPositive();
    }

    private static long windowOf(Instant at, Duration window) {
        return at.toEpochMilli() / window.toMillis();
    }
}
