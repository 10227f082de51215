package io.jenkins.plugins.buildstash.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the built .hpi the way Jenkins would and checks what Jenkins relies on (docs/building.md). */
class HpiPackagingIT {

    private static final String SHORT_NAME = "buildstash-uploader";
    private static final String INNER_JAR = "WEB-INF/lib/" + SHORT_NAME + ".jar";

    /** The plugins and minimum versions we run against (bom-2.541.x); a change here is a deliberate decision. */
    private static final Map<String, String> EXPECTED_DEPENDENCIES = Map.of(
            "credentials", "1511.v2e3cb_0008ef0",
            "plain-credentials", "199.v9f8e1f741799",
            "workflow-step-api", "724.v538c2362b_dfb_",
            "workflow-api", "1413.v2ff1a_5e720fa_",
            "structs", "362.va_b_695ef4fdf9",
            "jackson2-api", "2.22.2-445.vdc613f1d8012");

    @TempDir
    static Path unpacked;

    private static Path hpi;
    private static Path innerJar;
    private static URLClassLoader pluginLoader;

    @BeforeAll
    static void unpack() throws IOException {
        hpi = Path.of(System.getProperty("buildstash.hpi", "target/" + SHORT_NAME + ".hpi"));
        assertThat(hpi).as("the .hpi built by 'mvn package'").isRegularFile();
        innerJar = unpacked.resolve(SHORT_NAME + ".jar");
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            ZipEntry entry = zip.getEntry(INNER_JAR);
            assertThat(entry).as(INNER_JAR + " in the .hpi").isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, innerJar);
            }
        }
        // Parent: the test class path (it holds the compile-only Jenkins surface the plugin classes link against), with
        // our own classes and indexes hidden so that everything of ours is read from the packaged jar.
        pluginLoader = new URLClassLoader(new URL[] {innerJar.toUri().toURL()}, new SurfaceOnlyClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        pluginLoader.close();
    }

    @Test
    void hpiHoldsOnlyTheManifestAndThePluginJar() throws IOException {
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            List<String> files = zip.stream()
                    .filter(e -> !e.isDirectory())
                    .map(ZipEntry::getName)
                    .sorted()
                    .toList();
            // No bundled library: Jackson comes from jackson2-api, everything else from core or plugin dependencies.
            assertThat(files).containsExactly("META-INF/MANIFEST.MF", INNER_JAR);
        }
    }

    @Test
    void hpiManifestCarriesThePluginAttributes() throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(hpi))) {
            assertPluginManifest(in.getManifest(), ".hpi");
        }
    }

    @Test
    void innerJarManifestCarriesThePluginAttributesForTheClassFilter() throws IOException {
        // Jenkins' JEP-200 class filter lets our classes be serialized only if their jar's manifest names a plugin.
        try (JarFile jar = new JarFile(innerJar.toFile())) {
            assertPluginManifest(jar.getManifest(), "inner jar");
        }
    }

    private static void assertPluginManifest(Manifest manifest, String where) {
        assertThat(manifest).as("manifest of the " + where).isNotNull();
        Attributes a = manifest.getMainAttributes();
        String version = System.getProperty("buildstash.version");
        assertThat(version).as("project version passed by failsafe").isNotBlank();
        assertThat(a.getValue("Short-Name")).as(where + " Short-Name").isEqualTo(SHORT_NAME);
        assertThat(a.getValue("Artifact-Id")).as(where + " Artifact-Id").isEqualTo(SHORT_NAME);
        assertThat(a.getValue("Group-Id")).as(where + " Group-Id").isEqualTo("io.jenkins.plugins");
        assertThat(a.getValue("Long-Name")).as(where + " Long-Name").isEqualTo("Buildstash Uploader");
        assertThat(a.getValue("Plugin-Version")).as(where + " Plugin-Version").isEqualTo(version);
        assertThat(a.getValue("Jenkins-Version")).as(where + " Jenkins-Version").isEqualTo("2.541.3");
        assertThat(a.getValue("Hudson-Version")).as(where + " Hudson-Version").isEqualTo("2.541.3");
        assertThat(dependencies(a.getValue("Plugin-Dependencies")))
                .as(where + " Plugin-Dependencies")
                .isEqualTo(EXPECTED_DEPENDENCIES);
        assertThat(a.getValue("Url")).as(where + " Url").startsWith("https://github.com/jenkinsci/");
        assertThat(a.getValue("Plugin-ScmUrl")).as(where + " Plugin-ScmUrl").startsWith("https://github.com/jenkinsci/");
        assertThat(a.getValue("Plugin-License-Name")).as(where + " Plugin-License-Name").isEqualTo("MIT License");
        assertThat(a.getValue("Plugin-License-Url")).as(where + " Plugin-License-Url").startsWith("https://");
        // Written by old maven-hpi-plugin versions only; core no longer reads them.
        assertThat(a.getValue("Extension-Name")).as(where + " Extension-Name").isNull();
        assertThat(a.getValue("Minimum-Java-Version")).as(where + " Minimum-Java-Version").isNull();
        // Omitted while any @Extension is dynamicLoadable=MAYBE (the default), as maven-hpi-plugin does.
        assertThat(a.getValue("Support-Dynamic-Loading")).as(where + " Support-Dynamic-Loading").isNull();
    }

    private static Map<String, String> dependencies(String header) {
        assertThat(header).as("Plugin-Dependencies").isNotBlank();
        Map<String, String> deps = new LinkedHashMap<>();
        for (String item : header.split(",")) {
            String[] nameAndVersion = item.trim().split(":", 2);
            assertThat(nameAndVersion).as("dependency '" + item + "' in name:version form").hasSize(2);
            assertThat(deps.put(nameAndVersion[0], nameAndVersion[1])).as("duplicate " + item).isNull();
        }
        return deps;
    }

    @Test
    void innerJarHoldsOnlyOurClassesAndResources() throws IOException {
        try (JarFile jar = new JarFile(innerJar.toFile())) {
            List<String> foreign = jar.stream()
                    .filter(e -> !e.isDirectory())
                    .map(ZipEntry::getName)
                    .filter(n -> !n.startsWith("io/jenkins/plugins/buildstash/"))
                    .filter(n -> !Set.of(
                                    "META-INF/MANIFEST.MF",
                                    "META-INF/annotations/hudson.Extension",
                                    "META-INF/annotations/hudson.Extension.txt",
                                    "META-INF/services/annotations/org.jenkinsci.Symbol",
                                    "index.jelly")
                            .contains(n))
                    .toList();
            // Surface classes (hudson/, jenkins/, org/kohsuke/...), Jackson or test code here would shadow the real ones.
            assertThat(foreign).as("entries that are not ours").isEmpty();
            assertThat(jar.stream().map(ZipEntry::getName))
                    .as("emulator and test classes")
                    .noneMatch(n -> n.contains("/emulator/") || n.endsWith("Test.class") || n.endsWith("IT.class"));
            assertThat(jar.getEntry("index.jelly")).as("index.jelly, the plugin description").isNotNull();
        }
    }

    @Test
    void everyJellyViewEscapesByDefault() throws IOException {
        try (JarFile jar = new JarFile(innerJar.toFile())) {
            List<String> jelly = jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".jelly")).toList();
            assertThat(jelly).contains("index.jelly");
            for (String name : jelly) {
                try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(text).as(name).startsWith("<?jelly escape-by-default='true'?>");
                }
            }
        }
    }

    @Test
    void extensionIndexListsExactlyTheExtensionsInTheJar() throws Exception {
        Set<String> indexed = new TreeSet<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, pluginLoader)) {
            indexed.add(item.className());
        }
        assertThat(indexed).as("META-INF/annotations/hudson.Extension").isNotEmpty();
        assertThat(indexed).isEqualTo(annotatedClassesInJar(Extension.class));
    }

    @Test
    void symbolIndexListsExactlyTheSymbolsInTheJar() throws Exception {
        Set<String> indexed;
        try (InputStream in = pluginLoader.getResourceAsStream("META-INF/services/annotations/org.jenkinsci.Symbol")) {
            assertThat(in).as("META-INF/services/annotations/org.jenkinsci.Symbol").isNotNull();
            indexed = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(indexed).isNotEmpty().isEqualTo(annotatedClassesInJar(Symbol.class));
        for (String name : indexed) {
            // structs resolves each line with ClassLoader.loadClass: it must be a binary name that loads.
            assertThat(Class.forName(name, false, pluginLoader).getAnnotation(Symbol.class)).isNotNull();
        }
    }

    /** The test class path without the plugin's own classes and index files. */
    private static final class SurfaceOnlyClassLoader extends ClassLoader {
        SurfaceOnlyClassLoader() {
            super(HpiPackagingIT.class.getClassLoader());
        }

        private static boolean ours(String resource) {
            return resource.startsWith("io/jenkins/plugins/buildstash/")
                    || resource.startsWith("META-INF/annotations/")
                    || resource.startsWith("META-INF/services/annotations/")
                    || resource.equals("index.jelly");
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.jenkins.plugins.buildstash.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return ours(name) ? null : super.getResource(name);
        }

        @Override
        public java.util.Enumeration<URL> getResources(String name) throws IOException {
            return ours(name) ? java.util.Collections.emptyEnumeration() : super.getResources(name);
        }
    }

    private static Set<String> annotatedClassesInJar(Class<? extends java.lang.annotation.Annotation> annotation)
            throws IOException, ClassNotFoundException {
        Set<String> found = new TreeSet<>();
        List<String> classNames = new ArrayList<>();
        try (JarFile jar = new JarFile(innerJar.toFile())) {
            jar.stream()
                    .map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class"))
                    .forEach(n -> classNames.add(n.substring(0, n.length() - 6).replace('/', '.')));
        }
        for (String name : classNames) {
            Class<?> c = Class.forName(name, false, pluginLoader);
            List<AnnotatedElement> members = new ArrayList<>(List.of(c));
            members.addAll(Arrays.asList(c.getDeclaredFields()));
            members.addAll(Arrays.asList(c.getDeclaredMethods()));
            if (members.stream().anyMatch(m -> m.isAnnotationPresent(annotation))) {
                found.add(name);
            }
        }
        return found;
    }
}
