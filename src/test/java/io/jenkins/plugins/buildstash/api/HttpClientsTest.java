package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    private static final ProxyRoute ROUTE = new ProxyRoute("proxy.corp.example", 3128, List.of("*.internal"));

    @Test
    void oneApiClientPerSettingIsSharedByEveryCaller() {
        HttpClient first = HttpClients.forApi(ROUTE, Duration.ofSeconds(7));
        HttpClient again = HttpClients.forApi(new ProxyRoute("proxy.corp.example", 3128, List.of("*.internal")),
                Duration.ofSeconds(7));

        assertThat(again).isSameAs(first);
        assertThat(first.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(HttpClients.forApi(ROUTE, Duration.ofSeconds(8))).isNotSameAs(first);
        assertThat(HttpClients.forStorage(ROUTE, Duration.ofSeconds(7))).isNotSameAs(first)
                .satisfies(storage -> assertThat(storage.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL));
    }

    @Test
    void twoBuildstashClientsWithTheSameSettingsShareOneHttpClient() {
        ProxySettings proxy = new ProxySettings(ROUTE, "builder", "proxy-s3cret");
        BuildstashClient a = BuildstashClient.builder(ApiKey.of("key-a")).proxy(proxy).connectTimeout(Duration.ofSeconds(9)).build();
        BuildstashClient b = BuildstashClient.builder(ApiKey.of("key-b")).proxy(proxy).connectTimeout(Duration.ofSeconds(9)).build();

        assertThat(a.httpClient()).isSameAs(b.httpClient()).isSameAs(HttpClients.forApi(ROUTE, Duration.ofSeconds(9)));
    }

    @Test
    void theRouteSendsBypassedHostsDirect() throws Exception {
        assertThat(ROUTE.appliesTo(java.net.URI.create("https://app.buildstash.com/api/v1"))).isTrue();
        assertThat(ROUTE.appliesTo(java.net.URI.create("https://s3.internal/bucket"))).isFalse();
    }
}
