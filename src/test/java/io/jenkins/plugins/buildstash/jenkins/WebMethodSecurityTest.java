package io.jenkins.plugins.buildstash.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

/**
 * Every web method a form can call ({@code doCheck*}, {@code doFill*}, {@code doTest*}) must be POST-only (no CSRF
 * through a link) and must check a permission before it does anything, read from the compiled classes.
 */
class WebMethodSecurityTest {

    private static final Set<String> PERMISSION_OWNERS =
            Set.of("hudson.security.AccessControlled", "hudson.model.Item", "jenkins.model.Jenkins", "hudson.model.Job");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.buildstash");
    }

    private static List<JavaMethod> webMethods() {
        List<JavaMethod> methods = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaMethod m : c.getMethods()) {
                String n = m.getName();
                if (n.startsWith("doCheck") || n.startsWith("doFill") || n.startsWith("doTest")) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    @Test
    void everyWebMethodIsPostOnly() {
        List<JavaMethod> methods = webMethods();
        assertThat(methods).hasSizeGreaterThan(20);
        assertThat(methods)
                .filteredOn(m -> !m.isAnnotatedWith(POST.class))
                .extracting(JavaMethod::getFullName)
                .isEmpty();
    }

    @Test
    void everyWebMethodChecksAPermissionFirstHand() {
        List<String> unchecked = new ArrayList<>();
        for (JavaMethod m : webMethods()) {
            if (!reachesPermissionCheck(m)) {
                unchecked.add(m.getFullName());
            }
        }
        assertThat(unchecked).isEmpty();
    }

    @Test
    void onlyAdministratorsCanChangeTheBaseUrl() {
        JavaMethod setter = classes.get(BuildstashGlobalConfiguration.class).getMethod("setBaseUrl", String.class);
        assertThat(setter.getFieldAccesses())
                .anyMatch(a -> a.getTarget().getFullName().equals("jenkins.model.Jenkins.ADMINISTER"));
        assertThat(setter.getMethodCallsFromSelf())
                .anyMatch(c -> c.getTarget().getName().equals("checkPermission"));
    }

    /** Follows calls into the plugin's own code, a few levels deep, looking for checkPermission or hasPermission. */
    private static boolean reachesPermissionCheck(JavaMethod start) {
        Deque<JavaMethod> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        for (int depth = 0; depth < 4 && !todo.isEmpty(); depth++) {
            Deque<JavaMethod> next = new ArrayDeque<>();
            for (JavaMethod m : todo) {
                if (!seen.add(m.getFullName())) {
                    continue;
                }
                for (JavaMethodCall call : m.getMethodCallsFromSelf()) {
                    String name = call.getTarget().getName();
                    if ((name.equals("checkPermission") || name.equals("hasPermission"))
                            && PERMISSION_OWNERS.contains(call.getTargetOwner().getName())) {
                        return true;
                    }
                    if (call.getTargetOwner().getPackageName().startsWith("io.jenkins.plugins.buildstash")) {
                        call.getTarget().resolveMember().ifPresent(next::add);
                    }
                }
            }
            todo = next;
        }
        return false;
    }
}
