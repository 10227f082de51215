package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** An upload interrupted while it is in flight, as aborting a build interrupts the step's thread. */
final class Interrupted {

    private Interrupted() {}

    /**
     * Runs {@code upload} on a thread of its own, interrupts it 200 ms after {@code inFlight} holds, and checks that it
     * ended within 5 s of the interrupt and left its thread.
     *
     * @return what the upload threw, or null if it returned
     */
    static Throwable during(Callable<?> upload, BooleanSupplier inFlight) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread uploading = new Thread(() -> {
            try {
                upload.call();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        uploading.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!inFlight.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        long interruptedAt = System.nanoTime();
        uploading.interrupt();
        Throwable thrown = outcome.get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(5));
        uploading.join(5000);
        assertThat(uploading.isAlive()).isFalse();
        return thrown;
    }
}
