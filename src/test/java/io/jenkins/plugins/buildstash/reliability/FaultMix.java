package io.jenkins.plugins.buildstash.reliability;

import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.FaultRule;
import io.jenkins.plugins.buildstash.emulator.Faults;
import io.jenkins.plugins.buildstash.emulator.RetryAfter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of a soak, in two kinds.
 *
 * <p><b>Transient faults</b> hit single requests at random, with a probability per request, on the storage routes
 * (part and single PUTs) and the API routes of the upload flow: a reset mid-body, 500, 502 and 503, 429 with and without
 * {@code Retry-After}, an expired presigned URL, and slow response headers, some slower than the client's API timeout
 * or the storage stall timeout, so that timeouts happen. Retries are meant to ride them out; a few are final by design
 * (an expired single-part URL cannot be replaced; a 500 or 502 on {@code POST /upload/request} is not repeated, because
 * Buildstash may have created the upload).
 *
 * <p><b>Outages</b> hit every request of one route for the whole of one upload (a route that keeps failing the same
 * way), so that upload must fail, with a clear message and its pending upload aborted.
 *
 * <p>Left out on purpose, because no client can recover from them and they are covered by {@code LostAnswersTest}: an
 * answer lost after Buildstash processed {@code POST /upload/request} (the pending upload exists, its id never
 * arrived) or {@code POST /upload/verify} (the build exists, the client cannot know its id), and faults on
 * {@code POST /upload/abort} (whose failure leaves the pending upload open, and the log says so).
 */
final class FaultMix {

    /** A fault scripted on a route with a probability per request, and a name for the figures. */
    record Transient(String label, String route, double probability, Fault fault) {}

    /** A route that fails every request of one upload, and whether it applies to single-part or multipart files. */
    record Outage(String label, String route, Fault fault, boolean single, boolean multipart) {
        boolean appliesTo(boolean isMultipart) {
            return isMultipart ? multipart : single;
        }
    }

    private final List<Transient> transients;
    private final List<Outage> outages;

    FaultMix(double intensity, Duration apiTimeout, Duration stallTimeout) {
        Duration beyondApiTimeout = apiTimeout.plusMillis(400);
        Duration beyondStall = stallTimeout.plusMillis(1500);
        List<Transient> t = new ArrayList<>();
        for (String storage : List.of("storageUploadPart", "storagePutObject")) {
            t.add(new Transient("reset mid-body", storage, 0.06, Fault.resetAfterBodyBytes(16 * 1024)));
            t.add(new Transient("HTTP 500", storage, 0.02, Fault.status(500)));
            t.add(new Transient("HTTP 502", storage, 0.02, Fault.status(502)));
            t.add(new Transient("HTTP 503", storage, 0.02, Fault.status(503)));
            t.add(new Transient("429 with Retry-After", storage, 0.02,
                    Fault.status(429).withRetryAfter(RetryAfter.seconds(2))));
            t.add(new Transient("429 without Retry-After", storage, 0.02, Fault.status(429)));
            t.add(new Transient("expired URL", storage, 0.04, Fault.expiredUrl()));
            t.add(new Transient("slow headers", storage, 0.02, Fault.delayHeaders(Duration.ofMillis(100))));
            t.add(new Transient("headers after the stall timeout", storage, 0.006, Fault.delayHeaders(beyondStall)));
        }
        String presign = "requestMultipartPart";
        t.add(new Transient("HTTP 500", presign, 0.02, Fault.status(500)));
        t.add(new Transient("HTTP 502", presign, 0.02, Fault.status(502)));
        t.add(new Transient("HTTP 503", presign, 0.02, Fault.status(503)));
        t.add(new Transient("429 with Retry-After", presign, 0.02,
                Fault.status(429).withRetryAfter(RetryAfter.httpDate(Duration.ofSeconds(3)))));
        t.add(new Transient("429 without Retry-After", presign, 0.02, Fault.status(429)));
        t.add(new Transient("slow headers", presign, 0.02, Fault.delayHeaders(Duration.ofMillis(50))));
        t.add(new Transient("headers after the API timeout", presign, 0.02, Fault.delayHeaders(beyondApiTimeout)));
        String verify = "verifyUpload";
        t.add(new Transient("HTTP 502", verify, 0.04, Fault.status(502)));
        t.add(new Transient("HTTP 503", verify, 0.04, Fault.status(503)));
        t.add(new Transient("429 with Retry-After", verify, 0.04,
                Fault.status(429).withRetryAfter(RetryAfter.seconds(1))));
        t.add(new Transient("slow headers", verify, 0.04, Fault.delayHeaders(Duration.ofMillis(50))));
        String request = "requestUpload";
        t.add(new Transient("429 with Retry-After", request, 0.04,
                Fault.status(429).withRetryAfter(RetryAfter.seconds(1))));
        t.add(new Transient("HTTP 503", request, 0.04, Fault.status(503)));
        t.add(new Transient("HTTP 500", request, 0.02, Fault.status(500)));
        t.add(new Transient("HTTP 502", request, 0.01, Fault.status(502)));
        this.transients = t.stream()
                .map(f -> new Transient(f.label(), f.route(), Math.min(1.0, f.probability() * intensity), f.fault()))
                .toList();

        this.outages = List.of(
                new Outage("part PUTs answer 503", "storageUploadPart", Fault.status(503), false, true),
                new Outage("part PUTs reset mid-body", "storageUploadPart", Fault.resetAfterBodyBytes(16 * 1024),
                        false, true),
                new Outage("part URLs expired", "storageUploadPart", Fault.expiredUrl(), false, true),
                new Outage("single PUT answers 500", "storagePutObject", Fault.status(500), true, false),
                new Outage("single PUT resets mid-body", "storagePutObject", Fault.resetAfterBodyBytes(1024), true, false),
                new Outage("presign answers 500", "requestMultipartPart", Fault.status(500), false, true),
                new Outage("presign headers after the API timeout", "requestMultipartPart",
                        Fault.delayHeaders(beyondApiTimeout), false, true),
                new Outage("verify answers 502", "verifyUpload", Fault.status(502), true, true),
                new Outage("upload request answers 503 without Retry-After", "requestUpload", Fault.status(503), true,
                        true),
                new Outage("upload request answers 429, Retry-After 600 s", "requestUpload",
                        Fault.status(429).withRetryAfter(RetryAfter.seconds(600)), true, true));
    }

    List<Transient> transients() {
        return transients;
    }

    /** An outage that can hit an upload of this kind, chosen with {@code random}. */
    Outage outageFor(boolean isMultipart, Random random) {
        List<Outage> applicable = outages.stream().filter(o -> o.appliesTo(isMultipart)).toList();
        return applicable.get(random.nextInt(applicable.size()));
    }

    /** Scripts the transient faults on the emulator; returns the rules with their labels, to read how often each fired. */
    List<Scripted> install(Faults faults) {
        List<Scripted> rules = new ArrayList<>();
        for (Transient t : transients) {
            if (t.probability() > 0) {
                FaultRule rule = faults.on(t.route()).always().probability(t.probability()).inject(t.fault());
                rules.add(new Scripted(t.route() + ": " + t.label(), rule));
            }
        }
        return rules;
    }

    /** A rule on the emulator and what to call it in the figures. */
    record Scripted(String label, FaultRule rule) {}
}
