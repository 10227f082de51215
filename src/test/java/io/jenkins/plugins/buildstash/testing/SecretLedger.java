package io.jenkins.plugins.buildstash.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Everything the test suite saw that a user or an attacker could read (log lines, exception messages and stack
 * traces, {@code toString()}s, serialised forms), and every secret it used (API keys). {@code SecretHygieneTest} runs
 * last and checks that no observed text holds a key or a presigned URL's signature.
 */
public final class SecretLedger {

    /** A presigned URL's signature parameter, ours ({@code X-Emu-Signature}) or S3's ({@code X-Amz-Signature}). */
    public static final String SIGNATURE_MARKER = "Signature=";

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final Queue<Observation> OBSERVED = new ConcurrentLinkedQueue<>();

    /** One text, and where it came from. */
    public record Observation(String source, String text) {}

    private SecretLedger() {}

    public static void secret(String value) {
        if (value != null && !value.isEmpty()) {
            SECRETS.add(value);
        }
    }

    public static void observe(String source, String text) {
        if (text != null) {
            OBSERVED.add(new Observation(source, text));
        }
    }

    /** A log sink that records every line (and passes it on). */
    public static Consumer<String> log(String source, List<String> also) {
        return line -> {
            observe(source, line);
            also.add(line);
        };
    }

    /** The message, {@code toString()} and full stack trace with causes, as a user could see them. */
    public static void observe(String source, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        observe(source, t.toString());
        observe(source + " (stack trace)", trace.toString());
    }

    /** The Java-serialised form of an object (what remoting or XStream-like persistence would carry). */
    public static void observeSerialized(String source, Serializable object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new AssertionError("cannot serialise " + source, e);
        }
        observe(source + " (serialised)", new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    public static int observedCount() {
        return OBSERVED.size();
    }

    /** How many distinct kinds of source (log, exception, serialised form...) were observed. */
    public static int sourceCount() {
        return (int) OBSERVED.stream().map(Observation::source).distinct().count();
    }

    public static int secretCount() {
        return SECRETS.size();
    }

    /** Observations that contain a registered secret or a URL signature. */
    public static List<String> leaks() {
        List<String> leaks = new ArrayList<>();
        for (Observation o : OBSERVED) {
            for (String secret : SECRETS) {
                if (o.text().contains(secret)) {
                    leaks.add(o.source() + " holds an API key: " + excerpt(o.text(), secret));
                }
            }
            if (o.text().contains(SIGNATURE_MARKER)) {
                leaks.add(o.source() + " holds a presigned URL signature: " + excerpt(o.text(), SIGNATURE_MARKER));
            }
        }
        return leaks;
    }

    private static String excerpt(String text, String needle) {
        int at = text.indexOf(needle);
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 20)).replace(needle, "<HERE>");
    }
}
