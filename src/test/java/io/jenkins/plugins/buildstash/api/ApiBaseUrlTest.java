package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiBaseUrlTest {

    @Test
    void acceptsHttpsAndDropsTrailingSlashes() {
        assertThat(ApiBaseUrl.parse("https://app.buildstash.com/api/v1/").toString())
                .isEqualTo("https://app.buildstash.com/api/v1");
        assertThat(ApiBaseUrl.parse(" HTTPS://eu.example.com:8443/api/v1 ").toString())
                .isEqualTo("https://eu.example.com:8443/api/v1");
    }

    @Test
    void acceptsPlainHttpOnlyForLoopbackHosts() {
        assertThat(ApiBaseUrl.parse("http://localhost:9090/api/v1").getHost()).isEqualTo("localhost");
        assertThat(ApiBaseUrl.parse("http://127.0.0.1:9090/api/v1").getPort()).isEqualTo(9090);
        assertThat(ApiBaseUrl.parse("http://[::1]:9090/api/v1").getPort()).isEqualTo(9090);
        assertThatThrownBy(() -> ApiBaseUrl.parse("http://buildstash.example.com/api/v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must use https://")
                .hasMessageContaining("http://buildstash.example.com");
        assertThatThrownBy(() -> ApiBaseUrl.parse("http://127.0.0.1.evil.com/api"))
                .hasMessageContaining("must use https://");
    }

    @Test
    void refusesUserInfoWithoutRepeatingIt() {
        assertThatThrownBy(() -> ApiBaseUrl.parse("https://me:hunter2@app.buildstash.com/api/v1"))
                .hasMessageContaining("must not contain a user name or password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesWhatIsNotAnAbsoluteWebUrl() {
        assertThatThrownBy(() -> ApiBaseUrl.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ApiBaseUrl.parse("app.buildstash.com/api/v1")).hasMessageContaining("absolute https://");
        assertThatThrownBy(() -> ApiBaseUrl.parse("ftp://app.buildstash.com")).hasMessageContaining("absolute https://");
        assertThatThrownBy(() -> ApiBaseUrl.parse("https://app.buildstash.com/api/v1?x=1")).hasMessageContaining("query");
        assertThatThrownBy(() -> ApiBaseUrl.parse("https://exa mple.com")).hasMessageContaining("not a valid URL");
    }
}
