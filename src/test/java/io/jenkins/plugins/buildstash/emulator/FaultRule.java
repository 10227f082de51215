package io.jenkins.plugins.buildstash.emulator;

import java.util.Random;

/** One scripted fault: which route (and part), how many more times, with what probability; and how often it fired. */
public final class FaultRule {

    static final int UNLIMITED = -1;

    private final String route;
    private final int part;
    private final double probability;
    private final Fault fault;
    private int remaining;
    private int fired;

    FaultRule(String route, int part, int times, double probability, Fault fault) {
        this.route = route;
        this.part = part;
        this.remaining = times;
        this.probability = probability;
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

    synchronized boolean tryFire(Random random) {
        if (remaining == 0 || (probability < 1.0 && random.nextDouble() >= probability)) {
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
                + (remaining == UNLIMITED ? "unlimited" : remaining) + ")";
    }
}
