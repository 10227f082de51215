package io.jenkins.plugins.buildstash.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The requests served, newest last (the last {@value #CAPACITY} kept), and a count per route name (all of them). */
final class RequestLog {

    static final int CAPACITY = 100_000;

    private final Deque<RequestRecord> entries = new ArrayDeque<>();
    private final Map<String, Long> counts = new TreeMap<>();

    synchronized void add(RequestRecord entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(entry);
        counts.merge(entry.route(), 1L, Long::sum);
    }

    synchronized List<RequestRecord> entries() {
        return List.copyOf(entries);
    }

    synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    synchronized long count(String route) {
        return counts.getOrDefault(route, 0L);
    }
}
