package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import io.jenkins.plugins.buildstash.upload.FileRole;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.FileOrder;
import io.jenkins.plugins.buildstash.upload.FileTransfer;
import io.jenkins.plugins.buildstash.upload.PartTarget;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes on the wire: the key only to the API, JSON headers, our User-Agent, and nothing of it to storage. */
class RequestHeadersTest {

    private HttpServer server;
    private final Map<String, com.sun.net.httpserver.Headers> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), exchange.getRequestHeaders());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"message\":\"ok\",\"data\":{\"id\":\"w1\",\"name\":\"Acme\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", "\"abc\"");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void apiCallsCarryTheKeyJsonHeadersAndOurUserAgent() throws Exception {
        BuildstashClient client = BuildstashClient.builder(ApiKey.of("sekret-key-1")).baseUrl(base() + "/api/v1").build();
        client.getWorkspace();
        client.abortUpload("u-1");
        var get = seen.get("GET /api/v1/workspace");
        assertThat(get.getFirst("Authorization")).isEqualTo("Bearer sekret-key-1");
        assertThat(get.getFirst("Accept")).isEqualTo("application/json");
        assertThat(get.getFirst("User-Agent")).startsWith("buildstash-uploader-jenkins-plugin/");
        var post = seen.get("POST /api/v1/upload/abort");
        assertThat(post.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(post.getFirst("Authorization")).isEqualTo("Bearer sekret-key-1");
    }

    @Test
    void storageRequestsCarryOnlyTheSignedHeadersAndAKnownLength(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.apk"), "twelve bytes");
        UrlSource urls = new UrlSource() {
            @Override
            public PresignedRequest singlePut(FileRole role, int fileIndex) {
                return new PresignedRequest(base() + "/storage/app.apk?X-Sig=1", Map.of(
                        "Content-Type", "application/vnd.android.package-archive",
                        "Content-Length", "12",
                        "Content-Disposition", "attachment; filename=\"app.apk\""));
            }

            @Override
            public List<PartTarget> parts(FileRole role, int fileIndex, int first, int count) {
                List<PartTarget> targets = new java.util.ArrayList<>();
                for (int part = first; part < first + count; part++) {
                    targets.add(new PartTarget(part, base() + "/storage/parts/" + part + "?X-Sig=2"));
                }
                return targets;
            }
        };
        TransferOrder order = new TransferOrder(List.of(
                FileOrder.single(FileRole.PRIMARY, 0, new LocalFile(file.toString(), "app.apk", 12)),
                FileOrder.multipart(FileRole.EXPANSION, 0, new LocalFile(file.toString(), "app.apk", 12), 8, 2)),
                TransferSettings.defaults());
        new FileTransfer(order, urls, line -> {}).run();

        var single = seen.get("PUT /storage/app.apk");
        assertThat(single.containsKey("Authorization")).isFalse();
        assertThat(single.getFirst("Content-Length")).isEqualTo("12");
        assertThat(single.getFirst("Content-Type")).isEqualTo("application/vnd.android.package-archive");
        assertThat(single.getFirst("Content-Disposition")).isEqualTo("attachment; filename=\"app.apk\"");
        assertThat(single.getFirst("X-amz-acl")).isEqualTo("private");
        assertThat(single.containsKey("Transfer-encoding")).isFalse();
        var part = seen.get("PUT /storage/parts/2");
        assertThat(part.containsKey("Authorization")).isFalse();
        assertThat(part.getFirst("Content-Length")).isEqualTo("4");
        assertThat(part.getFirst("Content-Type")).isEqualTo("application/octet-stream");
    }
}
