package io.jenkins.plugins.buildstash.jenkins.lifecycle;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.FilePath;
import hudson.model.Node;
import hudson.model.TopLevelItem;
import hudson.remoting.Channel;
import hudson.remoting.VirtualChannel;
import hudson.util.Secret;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import jenkins.security.MasterToSlaveCallable;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jvnet.hudson.test.JenkinsRule;

/** What the lifecycle suites share: the emulator as Jenkins' Buildstash, the key as a credential, files on agents. */
public final class LifecycleFixture {

    public static final String CREDENTIALS_ID = "buildstash-key";
    public static final long MIB = 1024 * 1024;

    private LifecycleFixture() {}

    /** Points the plugin at the emulator and stores the application key as a Secret text credential. */
    public static void configure(JenkinsRule r, BuildstashEmulator emulator, String key) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                CREDENTIALS_ID, "Buildstash application key", Secret.fromString(key)));
        SystemCredentialsProvider.getInstance().save();
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        config.setBaseUrl(emulator.apiBaseUrl());
        config.setRequestTimeoutSeconds(5);
        config.setStallTimeoutSeconds(10);
        config.save(); // the setters do not save: a restart must find the emulator's URL
    }

    /** A scripted Pipeline uploading {@code file} on {@code label} with parts sent one at a time. */
    public static String uploadScript(String label, String file) {
        return "node('" + label + "') {\n"
                + "  def b = buildstashUpload file: '" + file + "', credentialsId: '" + CREDENTIALS_ID + "',"
                + " platform: 'android', stream: 'beta', versionMajor: 1, versionMinor: 2, versionPatch: 3,"
                + " partConcurrency: 1\n"
                + "  echo \"uploaded as ${b.buildId}\"\n"
                + "}\n";
    }

    /** Writes {@code size} random bytes as {@code name} in the job's workspace on {@code node}; returns their SHA-256. */
    public static String writeFile(Node node, TopLevelItem job, String name, long size, long seed) throws Exception {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(seed).nextBytes(bytes);
        FilePath ws = node.getWorkspaceFor(job);
        ws.mkdirs();
        try (OutputStream out = ws.child(name).write()) {
            out.write(bytes);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The channel's export table, as remoting prints it (one line per exported object, with its toString). */
    public static String exportTable(VirtualChannel channel) throws IOException {
        StringWriter out = new StringWriter();
        try (PrintWriter w = new PrintWriter(out)) {
            ((Channel) channel).dumpExportTable(w);
        }
        return out.toString();
    }

    public static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Every file under {@code root} whose bytes contain {@code secret} (as UTF-8, Latin-1 or UTF-16 would hold it). */
    public static List<String> filesContaining(File root, String secret) throws IOException {
        List<byte[]> forms = List.of(secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_16BE),
                secret.getBytes(StandardCharsets.UTF_16LE));
        List<String> hits = new ArrayList<>();
        if (!root.exists()) {
            return hits;
        }
        try (Stream<Path> files = Files.walk(root.toPath())) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                byte[] content;
                try {
                    content = Files.readAllBytes(p);
                } catch (IOException gone) {
                    continue; // a temporary file deleted while we walked
                }
                if (forms.stream().anyMatch(form -> indexOf(content, form) >= 0)) {
                    hits.add(root.toPath().relativize(p).toString());
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Live threads of the plugin in the JVM it runs in: the engine's pools, and any thread running plugin code. */
    static final class PluginThreads extends MasterToSlaveCallable<List<String>, RuntimeException> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> call() {
            return pluginThreads();
        }
    }

    static List<String> pluginThreads() {
        List<String> live = new ArrayList<>();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (!t.isAlive() || t.getName().startsWith("buildstash-emulator")) {
                return;
            }
            boolean runsPlugin = Stream.of(stack).anyMatch(f -> f.getClassName().startsWith("io.jenkins.plugins.buildstash.")
                    && !f.getClassName().startsWith("io.jenkins.plugins.buildstash.emulator.")
                    && !f.getClassName().startsWith("io.jenkins.plugins.buildstash.jenkins.lifecycle.")
                    && !f.getClassName().startsWith("io.jenkins.plugins.buildstash.reliability."));
            if (t.getName().startsWith("buildstash-") || runsPlugin) {
                live.add(t.getName());
            }
        });
        return live;
    }

    /** {@link #pluginThreads()} after giving them up to {@code graceMillis} to end. */
    public static List<String> awaitNoPluginThreads(VirtualChannel channel, long graceMillis) throws Exception {
        long deadline = System.currentTimeMillis() + graceMillis;
        List<String> live = channel == null ? pluginThreads() : channel.call(new PluginThreads());
        while (!live.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            live = channel == null ? pluginThreads() : channel.call(new PluginThreads());
        }
        return live;
    }
}
