package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashCredentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
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
 * Every web method ({@code doCheck*}, {@code doFill*}, {@code doTest*}, any public {@code do*}) must be POST-only (no
 * CSRF through a link) and must check a permission before it lists credentials or contacts Buildstash; credential lists
 * need the item's Configure or Use permission (Administer without an item); only administrators set the base URL.
 * Read from the compiled classes (reliability-performance.md §3).
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

    /** Every method Stapler could route a request to: public {@code doXxx} methods (doCheck, doFill, doTest, any other). */
    private static List<JavaMethod> webMethods() {
        List<JavaMethod> methods = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaMethod m : c.getMethods()) {
                if (m.getName().matches("do[A-Z].*") && m.getModifiers().contains(JavaModifier.PUBLIC)) {
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
        JavaMethod form = classes.get(BuildstashGlobalConfiguration.class).getMethod("configure",
                org.kohsuke.stapler.StaplerRequest2.class, net.sf.json.JSONObject.class);
        assertThat(form.getFieldAccesses())
                .anyMatch(a -> a.getTarget().getFullName().equals("jenkins.model.Jenkins.ADMINISTER"));
    }

    @Test
    void listingCredentialsNeedsConfigureOrUseOnTheItemAndAdministerWithoutOne() {
        JavaMethod canList = classes.get(BuildstashCredentials.class).getMethod("canList", hudson.model.Item.class);
        assertThat(canList.getFieldAccesses()).extracting(a -> a.getTarget().getFullName()).contains(
                "hudson.model.Item.CONFIGURE", "com.cloudbees.plugins.credentials.CredentialsProvider.USE_ITEM",
                "jenkins.model.Jenkins.ADMINISTER");
        assertThat(canList.getMethodCallsFromSelf()).anyMatch(c -> c.getTarget().getName().equals("hasPermission"));
        // Both ways of listing credentials ask canList first, and list nothing but the current value otherwise.
        for (String lister : List.of("items", "check")) {
            JavaMethod m = classes.get(BuildstashCredentials.class).getMethods().stream()
                    .filter(method -> method.getName().equals(lister)).findFirst().orElseThrow();
            List<Step> steps = steps(m, 0, new HashSet<>());
            int asked = indexOf(steps, s -> s.kind == Kind.CHECK);
            int listed = indexOf(steps, s -> s.kind == Kind.SENSITIVE);
            assertThat(asked).as(lister + " asks canList").isNotNegative();
            assertThat(listed).as(lister + " lists credentials").isGreaterThan(asked);
        }
    }

    @Test
    void noWebMethodListsCredentialsOrContactsBuildstashBeforeAPermissionCheck() {
        List<String> unchecked = new ArrayList<>();
        int sensitive = 0;
        for (JavaMethod m : webMethods()) {
            List<Step> steps = steps(m, 0, new HashSet<>());
            int first = indexOf(steps, s -> s.kind == Kind.SENSITIVE);
            if (first < 0) {
                continue;
            }
            sensitive++;
            if (!m.isAnnotatedWith(POST.class)) {
                unchecked.add(m.getFullName() + " reaches " + steps.get(first).what + " and answers GET");
            }
            int check = indexOf(steps, s -> s.kind == Kind.CHECK);
            if (check < 0 || check > first) {
                unchecked.add(m.getFullName() + " reaches " + steps.get(first).what + " before a permission check");
            }
        }
        assertThat(sensitive).as("web methods that list credentials or contact Buildstash").isGreaterThanOrEqualTo(6);
        assertThat(unchecked).isEmpty();
    }

    @Test
    void aConnectionTestDemandsConfigureOrAdministerBeforeAnyCall() {
        List<JavaMethod> tests = webMethods().stream().filter(m -> m.getName().startsWith("doTest")).toList();
        // Upload step, post-build action, release step, release build step, global configuration.
        assertThat(tests).hasSize(5);
        for (JavaMethod m : tests) {
            List<Step> steps = steps(m, 0, new HashSet<>());
            int contact = indexOf(steps, s -> s.kind == Kind.SENSITIVE);
            int demanded = indexOf(steps, s -> s.kind == Kind.CHECK && s.what.endsWith(".checkPermission"));
            assertThat(demanded).as(m.getFullName() + " calls checkPermission").isNotNegative();
            assertThat(contact).as(m.getFullName() + " contacts Buildstash after checkPermission").isGreaterThan(demanded);
            // Each checkPermission before the call demands Configure (on the job) or Administer (without one).
            for (int i = 0; i < contact; i++) {
                if (steps.get(i).what.endsWith(".checkPermission")) {
                    assertThat(i).as(m.getFullName() + ": checkPermission without a permission read").isPositive();
                    assertThat(steps.get(i - 1).what).as(m.getFullName() + " demands")
                            .isIn("hudson.model.Item.CONFIGURE", "jenkins.model.Jenkins.ADMINISTER");
                }
            }
        }
    }

    @Test
    void everyWebMethodOfTheGlobalConfigurationDemandsAdministerFirst() {
        JavaClass global = classes.get(BuildstashGlobalConfiguration.class);
        List<JavaMethod> methods = webMethods().stream().filter(m -> m.getOwner().equals(global)).toList();
        assertThat(methods).hasSizeGreaterThanOrEqualTo(4);
        for (JavaMethod m : methods) {
            List<Step> steps = steps(m, 0, new HashSet<>());
            assertThat(steps).as(m.getFullName()).isNotEmpty();
            assertThat(steps.get(0).what).as(m.getFullName() + " first reads").isEqualTo("jenkins.model.Jenkins.ADMINISTER");
            assertThat(steps.get(1).what).as(m.getFullName() + " then").endsWith(".checkPermission");
        }
    }

    @Test
    void onlyTheGlobalConfigurationBindsABaseUrl() throws Exception {
        List<String> binders = new ArrayList<>();
        for (JavaClass c : classes) {
            Class<?> type = Class.forName(c.getName());
            for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(org.kohsuke.stapler.DataBoundSetter.class)
                        && m.getName().toLowerCase(java.util.Locale.ROOT).contains("url")
                        && !m.getName().startsWith("setCi") && !m.getName().startsWith("setVcs")) {
                    binders.add(type.getSimpleName() + "." + m.getName());
                }
            }
            for (java.lang.reflect.Constructor<?> k : type.getDeclaredConstructors()) {
                if (k.isAnnotationPresent(org.kohsuke.stapler.DataBoundConstructor.class)) {
                    for (java.lang.reflect.Parameter p : k.getParameters()) {
                        if (p.getName().toLowerCase(java.util.Locale.ROOT).contains("url")) {
                            binders.add(type.getSimpleName() + "(" + p.getName() + ")");
                        }
                    }
                }
            }
        }
        // A job could otherwise send the key it uses to a server of its choosing (SSRF, credential capture).
        assertThat(binders).containsExactly("BuildstashGlobalConfiguration.setBaseUrl");
    }

    // ---- What a web method does, in the order it does it ------------------------------------------------------------

    private enum Kind {
        /** Reads a permission constant. */
        PERMISSION,
        /** Calls checkPermission or hasPermission. */
        CHECK,
        /** Lists or reads credentials, or calls Buildstash. */
        SENSITIVE
    }

    private record Step(Kind kind, String what) {}

    /**
     * The permission reads, permission checks and sensitive calls of {@code m}, in line order, with the plugin's own
     * callees expanded where they are called (a few levels deep): an approximation of what runs first.
     */
    private static List<Step> steps(JavaMethod m, int depth, Set<String> onPath) {
        List<Step> steps = new ArrayList<>();
        if (depth > 6 || !onPath.add(m.getFullName())) {
            return steps;
        }
        List<JavaAccess<?>> accesses = new ArrayList<>();
        accesses.addAll(m.getFieldAccesses());
        accesses.addAll(m.getMethodCallsFromSelf());
        accesses.sort(java.util.Comparator.comparingInt(JavaAccess::getLineNumber));
        for (JavaAccess<?> access : accesses) {
            if (access instanceof JavaFieldAccess field) {
                if (field.getTarget().getRawType().getName().equals("hudson.security.Permission")) {
                    steps.add(new Step(Kind.PERMISSION, field.getTarget().getFullName()));
                }
                continue;
            }
            JavaMethodCall call = (JavaMethodCall) access;
            String owner = call.getTargetOwner().getName();
            String name = call.getTarget().getName();
            if ((name.equals("checkPermission") || name.equals("hasPermission")) && PERMISSION_OWNERS.contains(owner)) {
                steps.add(new Step(Kind.CHECK, owner + "." + name));
            } else if (isSensitive(owner, name)) {
                steps.add(new Step(Kind.SENSITIVE, owner + "." + name));
            } else if (owner.startsWith("io.jenkins.plugins.buildstash")) {
                call.getTarget().resolveMember().ifPresent(callee -> steps.addAll(steps(callee, depth + 1, onPath)));
            }
        }
        onPath.remove(m.getFullName());
        return steps;
    }

    /** Credential lookups (which hand out secrets or reveal ids) and any call of the Buildstash client. */
    private static boolean isSensitive(String owner, String name) {
        return owner.equals("io.jenkins.plugins.buildstash.api.BuildstashClient")
                || owner.equals("io.jenkins.plugins.buildstash.api.BuildstashClient$Builder")
                || owner.equals("com.cloudbees.plugins.credentials.CredentialsProvider")
                        && (name.startsWith("lookup") || name.startsWith("list") || name.startsWith("find"))
                || name.equals("includeMatchingAs");
    }

    private static int indexOf(List<Step> steps, java.util.function.Predicate<Step> p) {
        for (int i = 0; i < steps.size(); i++) {
            if (p.test(steps.get(i))) {
                return i;
            }
        }
        return -1;
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
