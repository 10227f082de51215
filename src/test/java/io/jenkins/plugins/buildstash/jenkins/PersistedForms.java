package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.actions.UploadRecord;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.agent.AgentFileSide;
import io.jenkins.plugins.buildstash.jenkins.agent.ResolveFilesCallable;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.converters.reflection.SunUnsafeReflectionProvider;
import hudson.model.TaskListener;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * The stored and transmitted forms of the plugin's Jenkins objects, for tests outside this package: XML as Jenkins
 * writes {@code config.xml}, {@code build.xml} and the global configuration (XStream), and the Java serialisation a
 * callable crosses to the agent in.
 */
public final class PersistedForms {

    private static final XStream XSTREAM = new XStream(new SunUnsafeReflectionProvider());

    private PersistedForms() {}

    /** What XStream writes for the object: every non-transient field, as in config.xml or build.xml. */
    public static String xml(Object object) {
        return XSTREAM.toXML(object);
    }

    /** The build page's action after one upload, as a run would hold it. */
    public static BuildstashRunAction runAction(UploadResult result) throws IOException {
        JenkinsDoubles.FakeRun run = new JenkinsDoubles.FakeRun();
        BuildstashRunAction.record(run, new UploadRecord(result, 1_700_000_000_000L));
        return run.getAction(BuildstashRunAction.class);
    }

    /** The global configuration with these values, built as Jenkins loads it (without its constructor's load()). */
    public static BuildstashGlobalConfiguration globalConfiguration(String baseUrl, String credentialsId) {
        BuildstashGlobalConfiguration config = (BuildstashGlobalConfiguration)
                new SunUnsafeReflectionProvider().newInstance(BuildstashGlobalConfiguration.class);
        set(config, "baseUrl", baseUrl);
        set(config, "credentialsId", credentialsId);
        set(config, "partConcurrency", 4);
        set(config, "connectTimeoutSeconds", 10);
        set(config, "requestTimeoutSeconds", 60);
        set(config, "stallTimeoutSeconds", 120);
        return config;
    }

    /** The transfer callable as remoting sends it: the URL source is an exported object, so a reference travels. */
    public static String transferCallable(TransferOrder order, UrlSource urls) throws IOException {
        TaskListener listener = new JenkinsDoubles.MemoryListener();
        return serialised(new AgentFileSide.TransferCallable(order, urls, listener));
    }

    /** The file-finding callable as remoting sends it. */
    public static String resolveFilesCallable(String file, String expansionFile, String metadataArtifacts)
            throws IOException {
        return serialised(new ResolveFilesCallable(file, expansionFile, metadataArtifacts));
    }

    private static String serialised(Object callable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return obj instanceof UrlSource ? "<exported UrlSource>" : obj;
            }
        }) {
            out.writeObject(callable);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static void set(Object target, String name, Object value) {
        try {
            Field f = BuildstashGlobalConfiguration.class.getDeclaredField(name);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no field " + name, e);
        }
    }
}
