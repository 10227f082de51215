package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.KeyDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What uploads learned about API keys: that a key may upload without an application id (it is not a workspace key).
 * The API has no "who am I" route, so learning it costs two calls ({@code GET /applications}, {@code GET
 * /workspace/labels}); remembered, every later upload with the key makes only the calls the cURL recipe makes.
 *
 * <p>Entries are keyed by {@link io.jenkins.plugins.buildstash.api.BuildstashClient#keyFingerprint()} (a SHA-256 of the
 * base URL and the key), never by the key. The memory is bounded, least recently used first out, and an entry is
 * forgotten as soon as Buildstash refuses an upload request made on its strength.
 */
public final class KeyKindMemory {

    /** The one memory of the JVM (on a controller: of every run), big enough for every credential a Jenkins holds. */
    private static final KeyKindMemory SHARED = new KeyKindMemory(256);

    private final Map<String, KeyDescription.Kind> kinds;

    public KeyKindMemory(int capacity) {
        this.kinds = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, KeyDescription.Kind> eldest) {
                return super.size() > capacity;
            }
        };
    }

    public static KeyKindMemory shared() {
        return SHARED;
    }

    synchronized Optional<KeyDescription.Kind> recall(String fingerprint) {
        return Optional.ofNullable(kinds.get(fingerprint));
    }

    synchronized void remember(String fingerprint, KeyDescription.Kind kind) {
        kinds.put(fingerprint, kind);
    }

    synchronized void forget(String fingerprint) {
        kinds.remove(fingerprint);
    }

    public synchronized int size() {
        return kinds.size();
    }
}
