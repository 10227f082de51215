package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The JDK's words for a broken connection, said so that a build log reader understands them. */
class ConnectionFailuresTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 header parser received no bytes | it was closed before an answer came",
        "Connection reset                         | it was reset",
        "Connection reset by peer                 | it was reset",
        "Broken pipe                              | it was closed while the request was being sent",
        "EOF reached while reading                | it was closed in the middle of the answer",
    })
    void knownJdkMessagesBecomePlainWords(String jdk, String plain) {
        assertThat(ConnectionFailures.describe(new IOException(jdk))).isEqualTo(plain);
    }

    @Test
    void theCauseIsReadWhenTheOuterMessageSaysNothing() {
        IOException outer = new IOException("java.net.SocketException: x", new SocketException("Connection reset"));
        assertThat(ConnectionFailures.describe(new IOException(null, outer))).isEqualTo("it was reset");
    }

    @Test
    void otherMessagesAreKeptRedactedAndNoneSaysNull() {
        assertThat(ConnectionFailures.describe(new IOException("closed by https://h/p?X-Amz-Signature=abc")))
                .isEqualTo("closed by https://h/p?…");
        assertThat(ConnectionFailures.describe(new IOException())).isEqualTo("it broke without saying why");
    }
}
