package io.jenkins.plugins.buildstash.emulator;

import java.time.Instant;
import java.util.Random;

/**
 * One scripted fault: which route (and part), how many more times, with what probability, until when on the
 * emulator's clock; and how often it fired.
 */
public final class FaultRule {

    static final int UNLIMITED = -1;

    private final String route;
    private final int part;
    private final double probability;
    private final Fault fault;
    private final Instant until;
    private int remaining;
    private int fired;

    FaultRule(String route, int part, int times, double probability, Instant until, Fault fault) {
        this.route = route;
        this.part = part;
        this.remaining = times;
        this.probability = probability;
        this.until = until;
        this.fault = fault;
    }

    public String route() {
        return route;
    }

    public Fault fault() {
        return fault;
    }

    /** How many requests this rule has hit so far. */
    public synchronized int fired() {
        return fired;
    }

    /** How many more requests it will hit; -1 for unlimited. */
    public synchronized int remaining() {
        return remaining;
    }

    boolean matches(String requestRoute, int partNumber) {
        return route.equals(requestRoute) && (part == 0 || part == partNumber);
    }

    /** The end of the rule on the emulator's clock (exclusive), or null when it has none. */
    public Instant until() {
        return until;
    }

    synchronized boolean tryFire(Random random, Instant now) {
        if (remaining == 0 || (until != null && !now.isBefore(until))
                || (probability < 1.0 && random.nextDouble() >= probability)) {
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        fired++;
        return true;
    }

    @Override
    public synchronized String toString() {
        return route + (part == 0 ? "" : "@" + part) + " " + fault + " (fired " + fired + ", remaining "
                + (remaining == UNLIMITED ? "unlimited" : remaining) + (until == null ? "" : ", until " + until) + ")";
    }
}
