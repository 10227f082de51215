package io.jenkins.plugins.buildstash.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The faults scripted for the next requests, per route: "fail the next 2 verify calls with 503", "reset part 3 after
 * 1 MiB", "answer 5% of part presigns with 429". Script, run, verify:
 *
 * <pre>{@code
 * FaultRule rule = emulator.faults().on("verifyUpload").times(2)
 *         .inject(Fault.status(503).withRetryAfter(RetryAfter.seconds(1)));
 * ... run the client ...
 * assertThat(rule.fired()).isEqualTo(2);
 * }</pre>
 *
 * A storm that lasts a while on the emulator's clock (which a test may move by hand, see {@link MutableClock}):
 *
 * <pre>{@code
 * emulator.faults().on("requestMultipartPart").always().until(clock.instant().plusSeconds(30))
 *         .inject(Fault.status(429).withRetryAfter(RetryAfter.seconds(15)));
 * }</pre>
 *
 * Route names are the spec's operationIds, plus {@code requestMultipartExpansionPart} and the storage routes
 * {@code storagePutObject}, {@code storageUploadPart} and {@code storageGetObject}. Rules are tried in the order they
 * were added; the first that matches a request fires, once.
 */
public final class Faults {

    private final Set<String> routes;
    private final Random random;
    private final Clock clock;
    private final List<FaultRule> rules = new ArrayList<>();

    Faults(Set<String> routes, Random random, Clock clock) {
        this.routes = Set.copyOf(routes);
        this.random = random;
        this.clock = clock;
    }

    /** Starts a rule for a route. */
    public Builder on(String route) {
        if (!routes.contains(route)) {
            throw new IllegalArgumentException("no route named '" + route + "'; routes: " + routes);
        }
        return new Builder(route);
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<FaultRule> rules() {
        return List.copyOf(rules);
    }

    /** The fault for this request, if a rule matches: consumes one use of that rule. */
    synchronized Optional<Fault> next(String route, int partNumber) {
        Instant now = clock.instant();
        for (FaultRule rule : rules) {
            if (rule.matches(route, partNumber) && rule.tryFire(random, now)) {
                return Optional.of(rule.fault());
            }
        }
        return Optional.empty();
    }

    private synchronized FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }

    /** Which requests of a route a fault applies to. Defaults: the next request only, any part, always. */
    public final class Builder {
        private final String route;
        private int part;
        private int times = 1;
        private double probability = 1.0;
        private Instant until;

        private Builder(String route) {
            this.route = route;
        }

        /** Only the PUT of this part number ({@code storageUploadPart} only: the part is in its path). */
        public Builder part(int number) {
            if (!route.equals("storageUploadPart")) {
                throw new IllegalArgumentException("part() applies to storageUploadPart, not " + route);
            }
            if (number < 1) {
                throw new IllegalArgumentException("part numbers start at 1");
            }
            this.part = number;
            return this;
        }

        /** The next {@code count} matching requests. */
        public Builder times(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("times must be at least 1");
            }
            this.times = count;
            return this;
        }

        public Builder once() {
            return times(1);
        }

        /** Every matching request, until {@link Faults#clear()}. */
        public Builder always() {
            this.times = FaultRule.UNLIMITED;
            return this;
        }

        /** Each matching request is hit with this probability (seeded by the emulator options). */
        public Builder probability(double p) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("probability must be within 0..1: " + p);
            }
            this.probability = p;
            return this;
        }

        /**
         * Only requests that arrive before {@code deadline} on the emulator's clock; with {@link #always()}, a storm
         * that ends by itself.
         */
        public Builder until(Instant deadline) {
            this.until = java.util.Objects.requireNonNull(deadline);
            return this;
        }

        public FaultRule inject(Fault fault) {
            return add(new FaultRule(route, part, times, probability, until, fault));
        }
    }
}
