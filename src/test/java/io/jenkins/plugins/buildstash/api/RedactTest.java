package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {

    private static final String PRESIGNED =
            "https://bucket.r2.example.com/uploads/app.apk?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=deadbeef";

    @Test
    void aUrlKeepsItsHostAndPathButNeverItsQuery() {
        assertThat(Redact.url(PRESIGNED)).isEqualTo("https://bucket.r2.example.com/uploads/app.apk?…");
        assertThat(Redact.url("http://127.0.0.1:8080/storage/put/x")).isEqualTo("http://127.0.0.1:8080/storage/put/x");
        assertThat(Redact.url("https://user:pw@host/p")).isEqualTo("https://host/p");
    }

    @Test
    void serverTextLosesUrlQueriesBearerTokensAndKnownSecrets() {
        String text = "upload to " + PRESIGNED + " failed for key SECRETKEY123 with Authorization: Bearer abc.def";
        String safe = Redact.text(text, "SECRETKEY123");
        assertThat(safe)
                .doesNotContain("X-Amz-Signature")
                .doesNotContain("deadbeef")
                .doesNotContain("SECRETKEY123")
                .doesNotContain("abc.def")
                .contains("https://bucket.r2.example.com/uploads/app.apk?…");
    }

    @Test
    void serverTextIsFlattenedAndCapped() {
        assertThat(Redact.text("a\r\nb\u0000c")).isEqualTo("a b c");
        assertThat(Redact.text("x".repeat(1000))).hasSize(301).endsWith("…");
    }
}
