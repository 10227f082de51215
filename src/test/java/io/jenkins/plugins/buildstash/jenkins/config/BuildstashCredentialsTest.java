package io.jenkins.plugins.buildstash.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Item;
import java.lang.reflect.Proxy;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;

/** Which credentials the global configuration offers, checks and tests: only those a build can use. */
class BuildstashCredentialsTest {

    private static StringCredentials secretText(String id, CredentialsScope scope) {
        return (StringCredentials) Proxy.newProxyInstance(StringCredentials.class.getClassLoader(),
                new Class<?>[] {StringCredentials.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getScope" -> scope;
                    case "toString" -> id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Item job() {
        return (Item) Proxy.newProxyInstance(Item.class.getClassLoader(), new Class<?>[] {Item.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void atTheRootSystemScopedCredentialsAreLeftOutBecauseNoBuildCanUseThem() {
        List<StringCredentials> found = List.of(secretText("global-key", CredentialsScope.GLOBAL),
                secretText("system-key", CredentialsScope.SYSTEM), secretText("unscoped-key", null));

        assertThat(BuildstashCredentials.usableByBuilds(null, found)).extracting(StringCredentials::getId)
                .containsExactly("global-key", "unscoped-key");
    }

    @Test
    void inAJobWhatItsBuildsSeeIsKept() {
        // The lookup in a job already runs as the job's builds do: nothing more to remove.
        List<StringCredentials> found = List.of(secretText("folder-key", CredentialsScope.GLOBAL));

        assertThat(BuildstashCredentials.usableByBuilds(job(), found)).isEqualTo(found);
    }
}
