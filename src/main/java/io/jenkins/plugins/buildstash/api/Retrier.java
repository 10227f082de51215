package io.jenkins.plugins.buildstash.api;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** Runs one call under the {@link RetryPolicy}, waiting between attempts and reporting each retry. */
public final class Retrier {

    /** One attempt of a call. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws BuildstashException, InterruptedException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Consumer<String> log;

    /**
     * @param log receives one line per retry ("Retrying ... in 1.2 s: ..."); never a secret
     */
    public Retrier(RetryPolicy policy, Sleeper sleeper, RandomGenerator random, Consumer<String> log) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.log = log;
    }

    public RetryPolicy policy() {
        return policy;
    }

    public <T> T call(RetryPolicy.CallKind kind, String what, RetryBudget budget, Attempt<T> attempt)
            throws IOException, InterruptedException {
        for (int made = 1; ; made++) {
            try {
                T result = attempt.run(made);
                budget.onSuccess();
                return result;
            } catch (BuildstashException e) {
                RetryPolicy.Decision decision = policy.decide(kind, made, e.failure(), budget, random);
                if (!decision.retry()) {
                    e.recordGiveUp(made, decision.reason());
                    throw e;
                }
                log.accept("Retrying " + what + " in " + seconds(decision.delay()) + ": " + e.getMessage()
                        + " (attempt " + (made + 1) + " of " + policy.limits().attemptsFor(kind) + ")");
                sleeper.sleep(decision.delay());
            }
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
