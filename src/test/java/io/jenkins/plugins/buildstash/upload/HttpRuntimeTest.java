package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An agent whose Java runtime lacks java.net.http is told so, with the module and what to do, before anything is sent. */
class HttpRuntimeTest {

    @Test
    void aRuntimeWithoutTheModuleIsRefusedNamingTheModuleTheRuntimeAndWhatToDo() {
        List<String> asked = new ArrayList<>();
        UploadFailure e = catchThrowableOfType(UploadFailure.class, () -> HttpRuntime.require(name -> {
            asked.add(name);
            return false;
        }, "the node that holds the workspace", "/opt/jre-minimal", "17.0.15+6"));

        assertThat(asked).containsExactly("java.net.http");
        assertThat(e).hasMessage("The Java runtime of the node that holds the workspace (/opt/jre-minimal, Java"
                + " 17.0.15+6) has no java.net.http module, which the Buildstash plugin needs to send files to storage."
                + " Run the agent on a full JDK or JRE 17 or newer, or, if its runtime is built with jlink, add the"
                + " module (jlink --add-modules java.net.http,...)");
    }

    @Test
    void aRuntimeWithTheModulePasses() throws Exception {
        HttpRuntime.require(name -> name.equals("java.net.http"), "here", "/opt/jdk", "17");
        // And this JVM, whose boot layer has it, as every full JDK does.
        HttpRuntime.require("this JVM");
        assertThat(ModuleLayer.boot().findModule(HttpRuntime.MODULE)).isPresent();
    }

    @Test
    void aNoClassDefFoundErrorOfAJavaNetHttpClassIsExplainedAndAnyOtherIsNot() {
        UploadFailure explained = HttpRuntime.explain(new NoClassDefFoundError("java/net/http/HttpClient"), "the agent");
        assertThat(explained).isNotNull();
        assertThat(explained.getMessage()).startsWith("The Java runtime of the agent (").contains("has no java.net.http module");
        // As remoting may deliver it: wrapped, with the class named in dotted form.
        assertThat(HttpRuntime.explain(new IllegalStateException("call failed",
                new NoClassDefFoundError("Could not initialize class java.net.http.HttpClient$Builder")), "x")).isNotNull();
        assertThat(HttpRuntime.explain(new NoClassDefFoundError("com/example/Missing"), "x")).isNull();
        assertThat(HttpRuntime.explain(new OutOfMemoryError("java/net/http/HttpClient"), "x")).isNull();
    }
}
