package io.jenkins.plugins.buildstash.it;

import hudson.remoting.Channel;
import hudson.remoting.Command;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads every remoting command between the controller and an agent: the serialised callables sent to the agent
 * (their bytes are inside the command), the answers to the agent's calls back (part URLs), and the log and class
 * loading traffic. It keeps no content, only what it found: which commands carried an API key, and how many carried
 * a presigned URL's signature (proof that it sees the payloads, since part URLs must reach the agent).
 */
final class ChannelTap extends Channel.Listener {

    private static final String SIGNATURE = "X-Emu-Signature=";

    private final List<String> secrets;
    private final Queue<String> leaks = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong withSignatureSent = new AtomicLong();

    /** @param secrets the live list of keys to look for; keys added to it later are looked for from then on */
    ChannelTap(List<String> secrets) {
        this.secrets = secrets;
    }

    @Override
    public void onWrite(Channel channel, Command cmd, long blockSize) {
        sent.incrementAndGet();
        String text = contentOf(cmd);
        if (text.contains(SIGNATURE)) {
            withSignatureSent.incrementAndGet();
        }
        check("sent to the agent", cmd, text);
    }

    @Override
    public void onRead(Channel channel, Command cmd, long blockSize) {
        received.incrementAndGet();
        check("received from the agent", cmd, contentOf(cmd));
    }

    private void check(String direction, Command cmd, String text) {
        for (int i = 0; i < secrets.size(); i++) {
            if (text.contains(secrets.get(i))) {
                leaks.add("a " + cmd.getClass().getSimpleName() + " " + direction + " holds API key #" + (i + 1));
            }
        }
    }

    List<String> leaks() {
        return List.copyOf(leaks);
    }

    long commandsSent() {
        return sent.get();
    }

    long commandsReceived() {
        return received.get();
    }

    long commandsSentWithPresignedUrl() {
        return withSignatureSent.get();
    }

    /**
     * The command as bytes: its Java serial form, which holds the serialised callable or return value verbatim; when a
     * command cannot be serialised outside the channel, its byte and string fields one by one.
     */
    static String contentOf(Command cmd) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cmd);
        } catch (IOException | RuntimeException e) {
            bytes.reset();
            fields(cmd, bytes);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static void fields(Object o, ByteArrayOutputStream into) {
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    Object v = f.get(o);
                    if (v instanceof byte[] b) {
                        into.writeBytes(b);
                    } else if (v instanceof String s) {
                        into.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                    } else if (v != null && !Proxy.isProxyClass(v.getClass()) && v.getClass().getName().startsWith("java.lang.")) {
                        // Boxed numbers and the like; never call toString on a remote proxy (it would be a remote call).
                        into.writeBytes(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    into.writeBytes(("<unreadable " + f.getName() + ">").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
