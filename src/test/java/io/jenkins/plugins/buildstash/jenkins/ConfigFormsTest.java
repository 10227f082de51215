package io.jenkins.plugins.buildstash.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads every config.jelly the plugin ships (following {@code st:include}) and checks that each field can be shown
 * (a getter), saved (a {@code @DataBoundSetter} or {@code @DataBoundConstructor} parameter) and explained (a help file).
 */
class ConfigFormsTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void everyFormFieldHasAGetterABindingAndAHelpFile() throws Exception {
        List<Path> forms;
        try (Stream<Path> files = Files.walk(CLASSES.resolve("io/jenkins/plugins/buildstash"))) {
            forms = files.filter(f -> f.getFileName().toString().equals("config.jelly")).sorted().toList();
        }
        assertThat(forms).hasSizeGreaterThanOrEqualTo(3);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path form : forms) {
            Class<?> owner = Class.forName(CLASSES.relativize(form.getParent()).toString().replace('/', '.'));
            for (String field : fields(form)) {
                checked++;
                String cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
                if (!hasPublicMethod(owner, "get" + cap) && !hasPublicMethod(owner, "is" + cap)) {
                    problems.add(owner.getSimpleName() + "." + field + ": no getter");
                }
                if (!hasBoundSetter(owner, "set" + cap) && !isConstructorParameter(owner, field)) {
                    problems.add(owner.getSimpleName() + "." + field + ": no @DataBoundSetter or constructor parameter");
                }
                if (!Files.isRegularFile(form.resolveSibling("help-" + field + ".html"))) {
                    problems.add(owner.getSimpleName() + "." + field + ": no help-" + field + ".html");
                }
            }
        }
        assertThat(checked).as("fields checked").isGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    @Test
    void thePostBuildActionOffersEveryOptionOfTheStepAndItsResultGate() throws Exception {
        Path step = CLASSES.resolve("io/jenkins/plugins/buildstash/jenkins/steps/BuildstashUploadStep/config.jelly");
        Path recorder = CLASSES.resolve("io/jenkins/plugins/buildstash/jenkins/freestyle/BuildstashUploadRecorder/config.jelly");
        assertThat(fields(recorder)).containsAll(fields(step)).contains("onlyIfSuccessful");
    }

    /**
     * A credentials drop-down that accepts expressions renders two fields named credentialsId, the drop-down and then
     * the expression box; a validate button sends the nearest one before it, so "with=credentialsId" would test the
     * (usually empty) expression box and so the global default. The button must send a field of its own, kept out of
     * the saved form (field-disabled), filled by the adjunct, and received by the web method under that name.
     */
    @Test
    void testConnectionSendsTheSelectedCredentialNotTheExpressionBox() throws Exception {
        Map<String, List<Class<?>>> forms = Map.of(
                "steps/BuildstashUploadStep", List.of(io.jenkins.plugins.buildstash.jenkins.steps.BuildstashUploadStep.DescriptorImpl.class,
                        io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder.DescriptorImpl.class),
                "steps/BuildstashReleaseStep", List.of(io.jenkins.plugins.buildstash.jenkins.steps.BuildstashReleaseStep.DescriptorImpl.class),
                "freestyle/BuildstashReleaseDownloadBuilder", List.of(
                        io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashReleaseDownloadBuilder.DescriptorImpl.class));
        for (Map.Entry<String, List<Class<?>>> form : forms.entrySet()) {
            Document doc = parse(CLASSES.resolve("io/jenkins/plugins/buildstash/jenkins/" + form.getKey() + "/config.jelly"));
            Element button = (Element) doc.getElementsByTagName("f:validateButton").item(0);
            List<String> sent = List.of(button.getAttribute("with").split(","));
            assertThat(sent).as(form.getKey() + " button").doesNotContain("credentialsId").contains("testedCredentialsId");
            assertThat(button.getAttribute("clazz")).contains("buildstash-test-connection");
            NodeList inputs = doc.getElementsByTagName("input");
            boolean hiddenAndUnsaved = false;
            for (int i = 0; i < inputs.getLength(); i++) {
                Element input = (Element) inputs.item(i);
                hiddenAndUnsaved |= input.getAttribute("name").equals("testedCredentialsId")
                        && input.getAttribute("class").contains("buildstash-tested-credentials")
                        && ((Element) input.getParentNode()).getAttribute("field-disabled").equals("true");
            }
            assertThat(hiddenAndUnsaved).as(form.getKey() + ": testedCredentialsId in a field-disabled block").isTrue();
            NodeList adjuncts = doc.getElementsByTagName("st:adjunct");
            assertThat(adjuncts.getLength()).as(form.getKey() + " adjunct").isEqualTo(1);
            String script = ((Element) adjuncts.item(0)).getAttribute("includes").replace('.', '/') + ".js";
            assertThat(CLASSES.resolve(script)).isRegularFile();
            for (Class<?> descriptor : form.getValue()) {
                Method test = Arrays.stream(descriptor.getMethods())
                        .filter(m -> m.getName().equals("doTestConnection")).findFirst().orElseThrow();
                List<String> received = Arrays.stream(test.getParameters())
                        .filter(p -> p.isAnnotationPresent(org.kohsuke.stapler.QueryParameter.class))
                        .map(p -> p.getAnnotation(org.kohsuke.stapler.QueryParameter.class).value().isEmpty()
                                ? p.getName() : p.getAnnotation(org.kohsuke.stapler.QueryParameter.class).value())
                        .toList();
                assertThat(received).as(descriptor.getName()).containsExactlyInAnyOrderElementsOf(sent);
            }
        }
    }

    /** Field names of a form, with the fields of the pages it includes from other classes. */
    private static Set<String> fields(Path form) throws Exception {
        Set<String> fields = new LinkedHashSet<>();
        Document doc = parse(form);
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (!e.getAttribute("field").isEmpty()) {
                fields.add(e.getAttribute("field"));
            }
            if (e.getTagName().equals("st:include") && !e.getAttribute("class").isEmpty()) {
                Path included = CLASSES.resolve(e.getAttribute("class").replace('.', '/')).resolve(e.getAttribute("page"));
                assertThat(included).as("page included by " + form).isRegularFile();
                fields.addAll(fields(included));
            }
        }
        return fields;
    }

    private static Document parse(Path file) throws Exception {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (IOException | org.xml.sax.SAXException e) {
            throw new AssertionError(file + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static boolean hasPublicMethod(Class<?> c, String name) {
        return Arrays.stream(c.getMethods()).anyMatch(m -> m.getName().equals(name) && m.getParameterCount() == 0);
    }

    private static boolean hasBoundSetter(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1 && m.isAnnotationPresent(DataBoundSetter.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConstructorParameter(Class<?> c, String field) {
        for (Constructor<?> ctor : c.getConstructors()) {
            if (ctor.isAnnotationPresent(DataBoundConstructor.class) && Modifier.isPublic(ctor.getModifiers())) {
                for (Parameter p : ctor.getParameters()) {
                    // Stapler reads constructor parameter names from -parameters: they must be the real names.
                    assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
                    if (p.getName().equals(field)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
