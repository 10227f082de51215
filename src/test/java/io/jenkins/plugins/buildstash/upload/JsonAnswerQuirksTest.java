package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.Json;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.PendingUploadView;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The encoding quirks a JSON answer meets between Buildstash and the plugin (a byte order mark, UTF-16, a wrong
 * {@code Content-Type}, more or less than one document), on the answer that creates a pending upload: the emulator
 * creates it, then the answer is rewritten. Readable answers are read; the rest fail clearly, and whenever the answer
 * still names its pending upload, that upload is aborted.
 */
class JsonAnswerQuirksTest {

    /** A quirk, and the message it ends in (null: the upload completes). */
    record Quirk(String name, String contentType, UnaryOperator<byte[]> rewrite, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String MALFORMED = "Buildstash at 127.0.0.1:{port} answered POST /upload/request with HTTP 200"
            + " but the JSON body was cut off or malformed (not retried: the request may have reached Buildstash and"
            + " created an upload)";

    static Stream<Quirk> readable() {
        return Stream.of(
                new Quirk("a UTF-8 byte order mark", null, b -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, b), null),
                new Quirk("UTF-16LE with its byte order mark", null, b -> concat(new byte[] {(byte) 0xff, (byte) 0xfe},
                        recode(b, StandardCharsets.UTF_16LE)), null),
                new Quirk("UTF-16BE without a byte order mark", null, b -> recode(b, StandardCharsets.UTF_16BE), null),
                new Quirk("JSON labelled text/html", "text/html; charset=UTF-8", b -> b, null),
                new Quirk("JSON labelled text/plain", "text/plain", b -> b, null),
                new Quirk("UTF-8 labelled ISO-8859-1", "application/json; charset=ISO-8859-1", b -> b, null),
                new Quirk("leading white space and line breaks", null, b -> concat("\r\n\t  ".getBytes(StandardCharsets.US_ASCII), b), null));
    }

    /** Answers that cannot be read but still name the pending upload they created: it must be aborted. */
    static Stream<Quirk> unreadableWithAnId() {
        return Stream.of(
                new Quirk("trailing garbage", null, b -> concat(b, "<!-- cached -->".getBytes(StandardCharsets.US_ASCII)),
                        MALFORMED),
                new Quirk("two JSON documents", null, b -> concat(b, b), MALFORMED),
                new Quirk("cut in half", null, b -> Arrays.copyOf(b, b.length / 2), MALFORMED),
                new Quirk("a primary_file of the wrong type", null, b -> edit(b, o -> o.put("primary_file", "app.apk")),
                        "Buildstash answered POST /upload/request with a body that does not have the shape of an upload"
                                + " answer (a primary_file with its upload instructions), so the upload was stopped"));
    }

    /** Answers that do not say which pending upload they created: nothing can abort it. */
    static Stream<Quirk> unreadableWithoutAnId() {
        return Stream.of(
                new Quirk("an empty body", null, b -> new byte[0], "Buildstash answered POST /upload/request without a"
                        + " pending_upload_id, so the upload cannot go on"),
                new Quirk("JSON null", null, b -> "null".getBytes(StandardCharsets.US_ASCII), "Buildstash answered POST"
                        + " /upload/request without a pending_upload_id, so the upload cannot go on"),
                new Quirk("a pending_upload_id that is a number", null, b -> edit(b, o -> o.put("pending_upload_id", 42)),
                        "Buildstash answered POST /upload/request without a pending_upload_id, so the upload cannot go on"
                                + " (it sent 42)"),
                new Quirk("an HTML page", "text/html", b -> "<html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8),
                        "Buildstash at 127.0.0.1:{port} answered POST /upload/request with HTTP 200 and an HTML page"
                                + " instead of JSON: check that the base URL points at the API (it usually ends in"
                                + " /api/v1), not at the web app or a proxy's login page"));
    }

    @TempDir
    Path dir;

    private ApiFixture api;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(EmulatorOptions.defaults());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private UploadResult upload() throws Exception {
        UploadSpec spec = new UploadSpec(LocalFile.of(Files2.random(dir, "app.apk", 3000, 1)), null, List.of(),
                UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0).build(), null);
        return api.uploader("json quirks", log).upload(spec);
    }

    private String failure(Quirk quirk) {
        api.emulator.faults().on("requestUpload").once().inject(Fault.rewriteAnswer(quirk.contentType(), quirk.rewrite()));
        BuildstashException e = catchThrowableOfType(BuildstashException.class, this::upload);
        SecretLedger.observe("json quirk", e);
        assertThat(api.emulator.requestCount("storagePutObject")).isZero();
        return e.getMessage().replace(Integer.toString(api.emulator.port()), "{port}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void anUploadAnswerWithThisQuirkIsReadAndTheUploadCompletes(Quirk quirk) throws Exception {
        api.emulator.faults().on("requestUpload").once().inject(Fault.rewriteAnswer(quirk.contentType(), quirk.rewrite()));

        UploadResult result = upload();

        assertThat(api.emulator.storedBuild(result.buildId())).isPresent();
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableWithAnId")
    void anUnreadableUploadAnswerThatNamesItsPendingUploadFailsClearlyAndAbortsIt(Quirk quirk) {
        assertThat(failure(quirk)).isEqualTo(quirk.message());
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableWithoutAnId")
    void anUploadAnswerThatDoesNotNameItsPendingUploadFailsClearly(Quirk quirk) {
        assertThat(failure(quirk)).isEqualTo(quirk.message());
        // Nothing in the answer says which upload Buildstash created: it stays open, and no other is touched.
        assertThat(api.emulator.requestCount("abortUpload")).isZero();
        assertThat(api.emulator.pendingUploads()).singleElement().extracting(PendingUploadView::status).isEqualTo("OPEN");
    }

    @Test
    void verifyAndPartAnswersWithAByteOrderMarkAreReadToo() throws Exception {
        UnaryOperator<byte[]> bom = b -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, b);
        api.emulator.faults().on("verifyUpload").once().inject(Fault.rewriteAnswer(null, bom));

        UploadResult result = upload();

        assertThat(result.buildId()).isEqualTo(api.emulator.storedBuilds().get(api.emulator.storedBuilds().size() - 1).id());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] recode(byte[] utf8, java.nio.charset.Charset to) {
        return new String(utf8, StandardCharsets.UTF_8).getBytes(to);
    }

    private static byte[] edit(byte[] json, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree(json);
            change.accept(node);
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
