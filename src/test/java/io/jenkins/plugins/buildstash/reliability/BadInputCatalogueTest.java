package io.jenkins.plugins.buildstash.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jenkins.plugins.buildstash.api.ApiBaseUrl;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.PendingUploadView;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.emulator.RetryAfter;
import io.jenkins.plugins.buildstash.files.FileSelectionException;
import io.jenkins.plugins.buildstash.files.WorkspaceFiles;
import io.jenkins.plugins.buildstash.jenkins.CredentialMessages;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.InvalidUploadException;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.MetadataFile;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue: every way a user or a server can get an upload wrong, where it enters (file selection,
 * options, credentials, base URL, the key, a server reply, storage, the file side), and the exact message the user
 * sees, through the real code paths. Placeholders: {@code {ws}} the workspace, {@code {outside}} a directory outside
 * it, {@code {port}} the emulator's port, {@code {closed}} a closed port, {@code {app}} and {@code {other}} the
 * applications, {@code {id}} a generated upload id. No row may leave a pending upload open. docs/reliability.md lists every row; a test checks it does.
 */
class BadInputCatalogueTest {

    private static final long MIB = 1024 * 1024;
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** Where a bad input enters. */
    enum Layer {
        FILE_SELECTION("file selection"),
        OPTIONS("options"),
        CREDENTIALS("credentials lookup"),
        BASE_URL("base URL"),
        KEY("API key"),
        SERVER("server reply"),
        STORAGE("storage"),
        FILE_SIDE("file side");

        final String label;

        Layer(String label) {
            this.label = label;
        }
    }

    /** One way to get it wrong, and what the user then reads. */
    record Row(Layer layer, String input, Case run, String message) {
        @Override
        public String toString() {
            return layer.label + ": " + input;
        }
    }

    /** Runs the bad input through the real code and returns the message the user sees. */
    @FunctionalInterface
    interface Case {
        String message(Context c) throws Exception;
    }

    private static ApiFixture api;
    private static int closedPort;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(MIB - 1).withPartSizeMb(1));
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @AfterEach
    void noPendingUploadIsLeftOpen() {
        api.emulator.faults().clear();
        assertThat(api.emulator.pendingUploads()).as("pending uploads left open").isEmpty();
    }

    static Stream<Row> catalogue() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void eachBadInputEndsInOneExactMessage(Row row) throws Exception {
        Context c = new Context(dir);
        String seen = row.run().message(c);
        SecretLedger.observe("bad-input catalogue", seen);
        assertThat(c.placeholders(seen)).as(row.toString()).isEqualTo(row.message());
        assertThat(seen).doesNotContain("\tat ").doesNotContain("Exception").doesNotContainPattern("\\bnull\\b");
    }

    @Test
    void theCatalogueHasMoreThanThirtyRowsOverEveryLayer() {
        assertThat(ROWS).hasSizeGreaterThan(30);
        assertThat(ROWS.stream().map(Row::layer).distinct()).containsExactlyInAnyOrder(Layer.values());
        assertThat(ROWS.stream().map(Row::toString).distinct()).hasSameSizeAs(ROWS);
    }

    @Test
    void docsListEveryRowWithItsMessage() throws IOException {
        String doc = Files.readString(Path.of("docs/reliability.md"));
        List<String> missing = new ArrayList<>();
        for (Row row : ROWS) {
            if (!doc.contains(docRow(row))) {
                missing.add(docRow(row));
            }
        }
        assertThat(missing).as("rows missing from docs/reliability.md").isEmpty();
    }

    /** The row as docs/reliability.md shows it. */
    static String docRow(Row row) {
        return "| " + row.layer().label + " | " + row.input() + " | `" + row.message().replace("\n", " ⏎ ") + "` |";
    }

    /** The catalogue as the Markdown table of docs/reliability.md. */
    static String docTable() {
        StringBuilder s = new StringBuilder("| layer | input | message |\n| --- | --- | --- |\n");
        ROWS.forEach(row -> s.append(docRow(row)).append('\n'));
        return s.toString();
    }

    // ---- The rows ----------------------------------------------------------------------------------------------

    private static final List<Row> ROWS = Stream.of(baseRows(), unicodeRows(), changingFileRows(), jsonAnswerRows(),
            limitRows()).flatMap(List::stream).toList();

    private static List<Row> baseRows() {
        return List.of(
            // File selection: WorkspaceFiles, as the agent runs it.
            new Row(Layer.FILE_SELECTION, "a file that is not there", select(ws -> apk(ws, "build/app-debug.apk"),
                    "build/app-release.apk"),
                    "file 'build/app-release.apk' matches no file in the workspace {ws}. build/ holds:"
                            + " build/app-debug.apk. Check the pattern (relative to the workspace, case-sensitive) and"
                            + " that the build produced the file"),
            new Row(Layer.FILE_SELECTION, "a glob matching nothing", select(ws -> apk(ws, "build/app.apk"), "**/*.ipa"),
                    "file '**/*.ipa' matches no file in the workspace {ws}. The workspace holds: build/. Check the"
                            + " pattern (relative to the workspace, case-sensitive) and that the build produced the file"),
            new Row(Layer.FILE_SELECTION, "a glob matching several files", select(ws -> {
                apk(ws, "build/a.apk");
                apk(ws, "build/b.apk");
            }, "build/*.apk"),
                    "file 'build/*.apk' matches 2 files, but exactly one is needed: build/a.apk, build/b.apk."
                            + " Narrow the pattern, e.g. with the directory or the full name of the file to upload"),
            new Row(Layer.FILE_SELECTION, "a directory", select(ws -> apk(ws, "build/app.apk"), "build"),
                    "file 'build' is a directory; give a pattern for the file in it, such as 'build/**/*.apk'"),
            new Row(Layer.FILE_SELECTION, "an unreadable file", BadInputCatalogueTest::unreadable,
                    "file 'build/app.apk' matches build/app.apk, which cannot be read (permission denied): make it"
                            + " readable for the user that runs the build on this machine"),
            new Row(Layer.FILE_SELECTION, "a symbolic link to a file outside the workspace", select(ws ->
                    Files.createSymbolicLink(ws.resolve("link.apk"), apk(outside(ws), "real.apk")), "link.apk"),
                    "file 'link.apk' names link.apk, which is a symbolic link to {outside}/real.apk outside the"
                            + " workspace: only files inside the workspace are uploaded. Copy the file into the workspace"
                            + " instead"),
            new Row(Layer.FILE_SELECTION, "a pattern through a linked directory outside the workspace", select(ws -> {
                apk(outside(ws), "real.apk");
                Files.createSymbolicLink(ws.resolve("out"), outside(ws));
            }, "out/*.apk"),
                    "file 'out/*.apk' goes through out, which is a symbolic link to {outside} outside the"
                            + " workspace: only files inside the workspace are uploaded. Copy the file into the workspace"
                            + " instead"),
            new Row(Layer.FILE_SELECTION, "a dangling symbolic link", select(ws ->
                    Files.createSymbolicLink(ws.resolve("gone.apk"), ws.resolve("deleted.apk")), "gone.apk"),
                    "file 'gone.apk' names gone.apk, a symbolic link to {ws}/deleted.apk, which does not exist"),
            new Row(Layer.FILE_SELECTION, "an absolute path", select(ws -> {}, "/etc/passwd"),
                    "file '/etc/passwd' is an absolute path; give a path relative to the workspace, such as"
                            + " 'build/outputs/**/*.apk': only files inside the workspace are uploaded"),
            new Row(Layer.FILE_SELECTION, "a path with '..'", select(ws -> {}, "../other-job/app.apk"),
                    "file '../other-job/app.apk' contains '..'; patterns must stay inside the workspace: copy the"
                            + " file into the workspace and give its path from there"),
            new Row(Layer.FILE_SELECTION, "an empty pattern", select(ws -> {}, " "),
                    "file is required: an Ant-style pattern such as 'build/outputs/**/*.apk'"),
            new Row(Layer.FILE_SELECTION, "a workspace that does not exist", c -> selectIn(c.ws().resolve("gone"),
                    "*.apk"),
                    "file '*.apk' cannot be looked up: the workspace {ws}/gone does not exist on this machine. Run"
                            + " the step on the node that built the files, after building them"),

            // Options: UploadValidator through Uploader.upload, before anything is sent.
            new Row(Layer.OPTIONS, "an empty file", c -> upload(c, Files.createFile(c.ws().resolve("empty.apk")),
                    o -> o),
                    "Not uploaded: file empty.apk is empty (0 bytes); Buildstash takes files of 1 byte or more:"
                            + " check that the build wrote it"),
            new Row(Layer.OPTIONS, "versionMajor 10000", c -> upload(c, o -> o.version(10000, 0, 0)),
                    "Not uploaded: versionMajor is 10000; it must be a whole number from 0 to 9999"),
            new Row(Layer.OPTIONS, "versionMajor -1", c -> upload(c, o -> o.version(-1, 2, 0)),
                    "Not uploaded: versionMajor is -1; it must be a whole number from 0 to 9999"),
            new Row(Layer.OPTIONS, "version 0.0.0", c -> upload(c, o -> o.version(0, 0, 0)),
                    "Not uploaded: version 0.0.0 is not accepted: at least one of versionMajor, versionMinor and"
                            + " versionPatch must be above 0"),
            new Row(Layer.OPTIONS, "no versionPatch", c -> upload(c, o -> o.version(1, 2, null)),
                    "Not uploaded: versionPatch is required: a whole number from 0 to 9999"),
            new Row(Layer.OPTIONS, "versionMajor 'two' (Freestyle text)", c -> wholeNumber("versionMajor", "two"),
                    "Not uploaded: versionMajor 'two' is not a whole number from 0 to 9999"),
            new Row(Layer.OPTIONS, "versionMajor '${MAJOR}' with MAJOR unset (Freestyle text)",
                    c -> wholeNumber("versionMajor", "${MAJOR}"),
                    "Not uploaded: versionMajor '${MAJOR}' is not a whole number: the variable MAJOR is not set in"
                            + " this build"),
            new Row(Layer.OPTIONS, "11 labels", c -> upload(c, o -> o.labels(numbered("label", 11))),
                    "Not uploaded: labels has 11 entries; Buildstash takes at most 10"),
            new Row(Layer.OPTIONS, "notes of 1001 characters", c -> upload(c, o -> o.notes("n".repeat(1001))),
                    "Not uploaded: notes is 1001 characters long; Buildstash takes at most 1000"),
            new Row(Layer.OPTIONS, "platform 'andriod'", c -> upload(c, o -> o.platform("andriod")),
                    "Not uploaded: platform 'andriod' is not a Buildstash identifier: did you mean 'android'?"),
            new Row(Layer.OPTIONS, "platform 'gameboy'", c -> upload(c, o -> o.platform("gameboy")),
                    "Not uploaded: platform 'gameboy' is not a Buildstash identifier"),
            new Row(Layer.OPTIONS, "no platform", c -> upload(c, o -> o.platform(null)),
                    "Not uploaded: platform is required: one of Buildstash's platform identifiers such as"
                            + " 'android', 'ios', 'windows', 'macos', 'linux' or 'generic'"),
            new Row(Layer.OPTIONS, "stream of 13 characters", c -> upload(c, o -> o.stream("release-candi")),
                    "Not uploaded: stream 'release-candi' is 13 characters long; Buildstash stream names have at"
                            + " most 12"),
            new Row(Layer.OPTIONS, "stream 'qa build'", c -> upload(c, o -> o.stream("qa build")),
                    "Not uploaded: stream 'qa build' may only contain ASCII letters, digits, '_', '-' and '+'"),
            new Row(Layer.OPTIONS, "architecture 'arm65'", c -> upload(c, o -> o.architectures(List.of("arm65"))),
                    "Not uploaded: architectures 'arm65' is not a Buildstash identifier: did you mean 'armv5'?"),
            new Row(Layer.OPTIONS, "16 architectures", c -> upload(c, o -> o.architectures(List.of("x86", "x64", "ppc",
                    "ibmz", "mips64", "mips", "armv5", "armv6", "armv7", "armv8", "arm64v8", "armv9", "risc-v", "risc-v64",
                    "msp430", "loongarch"))),
                    "Not uploaded: architectures has 16 entries; Buildstash takes at most 15"),
            new Row(Layer.OPTIONS, "versionExtra 'beta 1'", c -> upload(c, o -> o.versionExtra("beta 1")),
                    "Not uploaded: versionExtra 'beta 1' may only contain ASCII letters, digits and '-', in dot-separated"
                            + " parts such as 'beta' or 'rc.1'"),
            new Row(Layer.OPTIONS, "customBuildNumber '#42'", c -> upload(c, o -> o.customBuildNumber("#42")),
                    "Not uploaded: customBuildNumber '#42' may only contain ASCII letters, digits, '.', '_' and '-'"),
            new Row(Layer.OPTIONS, "customTarget of 21 characters", c -> upload(c, o -> o.customTarget("t".repeat(21))),
                    "Not uploaded: customTarget 'ttttttttttttttttttttt' is 21 characters long; Buildstash takes at"
                            + " most 20"),
            new Row(Layer.OPTIONS, "no platform and no stream", c -> upload(c, o -> o.platform(null).stream(null)),
                    "Not uploaded, 2 problems:\n  - platform is required: one of Buildstash's platform identifiers"
                            + " such as 'android', 'ios', 'windows', 'macos', 'linux' or 'generic'\n  - stream is required:"
                            + " the name of an existing stream of the application, such as 'production'"),
            new Row(Layer.OPTIONS, "11 metadata artifacts", BadInputCatalogueTest::tooManyMetadata,
                    "Not uploaded: metadataArtifacts matched 11 files; at most 10 are attached to one build"),
            new Row(Layer.OPTIONS, "a metadata artifact of 21 MiB", BadInputCatalogueTest::largeMetadata,
                    "Not uploaded: metadataArtifacts build.log is 22020096 bytes (21 MiB), 1048576 bytes over the"
                            + " limit: Buildstash takes at most 20971520 bytes (20 MiB) for it"),

            // Credentials: BuildstashCredentials.resolve, as a run looks the key up.
            new Row(Layer.CREDENTIALS, "no credentialsId and no default", c -> credentials(null, null, null),
                    "No Buildstash credentials: set credentialsId to the id of a \"Secret text\" credential holding"
                            + " the API key, or set a default in Manage Jenkins › System › Buildstash"),
            new Row(Layer.CREDENTIALS, "an unknown credentialsId", c -> credentials("buildstash-kee", null, null),
                    "No credentials with id 'buildstash-kee' are visible to mobile/space-game/main: check the id,"
                            + " and that the credential is in this job's folder or global scope"),
            new Row(Layer.CREDENTIALS, "a username/password credential", c -> credentials("buildstash-key", null,
                    "UsernamePasswordCredentialsImpl"),
                    "The credentials 'buildstash-key' are of type UsernamePasswordCredentialsImpl, but the"
                            + " Buildstash API key must be a \"Secret text\" credential: create one holding the key and use"
                            + " its id"),
            new Row(Layer.CREDENTIALS, "a key pasted with a line break", c -> credentials("buildstash-key",
                    "bse_1234\nbse_5678", null),
                    "The credentials 'buildstash-key': The Buildstash API key contains spaces or line breaks: paste"
                            + " the key alone, as Buildstash shows it"),
            new Row(Layer.CREDENTIALS, "an empty secret", c -> credentials("buildstash-key", "  ", null),
                    "The credentials 'buildstash-key': The Buildstash API key is empty"),

            // Base URL: ApiBaseUrl, as the global configuration and the client read it.
            new Row(Layer.BASE_URL, "http:// to a host that is not loopback",
                    c -> baseUrl("http://buildstash.example.com/api/v1"),
                    "The Buildstash base URL must use https:// because the API key is sent with every call; http://"
                            + " is accepted only for a loopback host such as localhost: got http://buildstash.example.com"),
            new Row(Layer.BASE_URL, "a user name and password in the URL",
                    c -> baseUrl("https://ci:hunter2@app.buildstash.com/api/v1"),
                    "The Buildstash base URL must not contain a user name or password: remove the part before '@'"),
            new Row(Layer.BASE_URL, "no scheme", c -> baseUrl("app.buildstash.com/api/v1"),
                    "The Buildstash base URL must be an absolute https:// URL such as"
                            + " https://app.buildstash.com/api/v1: got app.buildstash.com/api/v1"),
            new Row(Layer.BASE_URL, "a query string", c -> baseUrl("https://app.buildstash.com/api/v1?debug=1"),
                    "The Buildstash base URL must not have a query (?) or fragment (#): use a URL such as"
                            + " https://app.buildstash.com/api/v1"),
            new Row(Layer.BASE_URL, "ftp://", c -> baseUrl("ftp://app.buildstash.com/api/v1"),
                    "The Buildstash base URL must be an absolute https:// URL such as"
                            + " https://app.buildstash.com/api/v1: got ftp://app.buildstash.com/api/v1"),
            new Row(Layer.BASE_URL, "a port nothing listens on", c -> serverUpload(c, "http://127.0.0.1:" + closedPort
                    + "/api/v1", api.seed.applicationKey(), o -> o),
                    "Could not connect to Buildstash at 127.0.0.1:{closed} for GET /applications: check the base URL,"
                            + " the network and the proxy settings (gave up after 4 attempts)"),

            // The key: what it can reach.
            new Row(Layer.KEY, "a workspace key without applicationId", c -> serverUpload(c, null,
                    api.seed.workspaceKey(), o -> o),
                    "Not uploaded: the API key is a workspace key (it lists 2 applications; an application key"
                            + " lists only its own), so it must be told which application to upload to: set applicationId to"
                            + " one of Companion App ({other}), Space Game ({app}), or use an application key"),
            new Row(Layer.KEY, "a wrong or revoked key (401)", c -> serverUpload(c, null, "bse_revoked_0000", o -> o),
                    "Buildstash rejected the API key (HTTP 401 on GET /applications): the key is wrong, revoked or"
                            + " expired. Create a key in Buildstash and store it in the Jenkins credential"),
            new Row(Layer.KEY, "a key without builds:create (403 with a scope)", c -> serverUpload(c, null,
                    api.emulator.addApplicationKey(api.seed.applicationId(), "builds:read"), o -> o),
                    "The API key lacks the 'builds:create' scope needed for POST /upload/request: add it to the key"
                            + " in Buildstash, or use a key that has it"),
            new Row(Layer.KEY, "an application key for another application (403)", c -> serverUpload(c, null,
                    api.seed.applicationKey(), o -> o.applicationId(api.seed.otherApplicationId())),
                    "Buildstash denied access to application '{other}' (HTTP 403 on POST /upload/request): This API"
                            + " key does not have access to this application. An application key reaches only its own"
                            + " application: check the application id, or use a key that can reach it"),
            new Row(Layer.KEY, "a workspace key with an unknown applicationId (422)", c -> serverUpload(c, null,
                    api.seed.workspaceKey(), o -> o.applicationId("app-that-does-not-exist")),
                    "Buildstash rejected POST /upload/request (HTTP 422): application_id: The selected"
                            + " application_id is invalid."),

            // Server replies: what Buildstash, or something in front of it, answers.
            new Row(Layer.SERVER, "an HTML page instead of JSON", c -> {
                api.emulator.faults().on("listApplications").always().inject(Fault.htmlPage());
                return serverUpload(c, o -> o);
            },
                    "Buildstash at 127.0.0.1:{port} answered GET /applications with HTTP 200 and an HTML page instead"
                            + " of JSON: check that the base URL points at the API (it usually ends in /api/v1), not at the"
                            + " web app or a proxy's login page"),
            new Row(Layer.SERVER, "truncated JSON", c -> {
                api.emulator.faults().on("requestMultipartPart").always().inject(Fault.truncateBody());
                return serverUpload(c, multipart(c), o -> o);
            },
                    "Buildstash at 127.0.0.1:{port} answered POST /upload/request/multipart with HTTP 200 but the"
                            + " JSON body was cut off or malformed (gave up after 4 attempts)"),
            new Row(Layer.SERVER, "an unknown stream (422 with field errors)", c -> serverUpload(c,
                    o -> o.stream("nightly2")),
                    "Buildstash rejected POST /upload/request (HTTP 422): stream: The selected stream is invalid:"
                            + " no stream named 'nightly2' exists in this application."),
            new Row(Layer.SERVER, "a custom target the application does not have (422)", c -> serverUpload(c,
                    o -> o.customTarget("PS5 Pro")),
                    "Buildstash rejected POST /upload/request (HTTP 422): custom_target: The selected custom_target"
                            + " is invalid."),
            new Row(Layer.SERVER, "a macOS-only architecture on android (422)", c -> serverUpload(c,
                    o -> o.architectures(List.of("arm64v8", "apple"))),
                    "Buildstash rejected POST /upload/request (HTTP 422): architectures.1: The architecture apple"
                            + " is not supported on platform android."),
            new Row(Layer.SERVER, "429 asking for 10 minutes", c -> {
                api.emulator.faults().on("requestUpload").always()
                        .inject(Fault.status(429).withRetryAfter(RetryAfter.seconds(600)));
                return serverUpload(c, o -> o);
            },
                    "Buildstash is rate-limiting POST /upload/request (HTTP 429, asked to wait 600 s) (Buildstash"
                            + " asked to wait 600 s, longer than the 120 s we wait at most)"),
            new Row(Layer.SERVER, "500 on the upload request", c -> {
                api.emulator.faults().on("requestUpload").always().inject(Fault.status(500));
                return serverUpload(c, o -> o);
            },
                    "Buildstash had a server error (HTTP 500 on POST /upload/request): Internal Server Error (not"
                            + " retried: the request may have reached Buildstash and created an upload)"),
            new Row(Layer.SERVER, "503 on every part URL request", c -> {
                api.emulator.faults().on("requestMultipartPart").always().inject(Fault.status(503));
                return serverUpload(c, multipart(c), o -> o);
            },
                    "Buildstash had a server error (HTTP 503 on POST /upload/request/multipart): Service"
                            + " Unavailable (gave up after 4 attempts)"),
            new Row(Layer.SERVER, "400 on verify", c -> {
                api.emulator.faults().on("verifyUpload").always().inject(Fault.status(400));
                return serverUpload(c, o -> o);
            },
                    "Buildstash refused POST /upload/verify (HTTP 400): Bad Request"),

            // Storage: the presigned PUTs.
            new Row(Layer.STORAGE, "every part refused (403)", c -> {
                api.emulator.faults().on("storageUploadPart").always().inject(Fault.status(403));
                return serverUpload(c, multipart(c), o -> o);
            },
                    "Storage refused part 1 of 3 of game.apk (HTTP 403 AccessDenied: Forbidden): the presigned URL"
                            + " or its signed headers were refused"),
            new Row(Layer.STORAGE, "a part URL that stays expired", c -> {
                api.emulator.faults().on("storageUploadPart").always().inject(Fault.expiredUrl());
                return serverUpload(c, multipart(c), o -> o);
            },
                    "Storage refused part 1 of 3 of game.apk (HTTP 403 AccessDenied: Request has expired): the"
                            + " presigned URL expired, and so did the fresh one Buildstash issued right after it: run the"
                            + " upload again, and tell Buildstash if it keeps happening"),
            new Row(Layer.STORAGE, "an expired single-part URL", c -> {
                api.emulator.faults().on("storagePutObject").always().inject(Fault.expiredUrl());
                return serverUpload(c, o -> o);
            },
                    "Storage refused app.apk (HTTP 403 AccessDenied: Request has expired): the presigned URL"
                            + " expired; a single-part upload cannot get a new URL, so run the upload again"),
            new Row(Layer.STORAGE, "every part reset mid-body", c -> {
                api.emulator.faults().on("storageUploadPart").always().inject(Fault.resetAfterBodyBytes(64 * 1024));
                return serverUpload(c, multipart(c), o -> o);
            },
                    "The connection to storage broke during part 1 of 3 of game.apk"
                            + " (http://127.0.0.1:{port}/storage/part/{id}/primary/1?…): it was closed before an answer came"
                            + " (gave up after 5 attempts)"),

            // The file side: the file on the agent.
            new Row(Layer.FILE_SIDE, "the file grows after it was found", c -> fileSideUpload(c, file -> Files.write(
                    file, new byte[] {1}, StandardOpenOption.APPEND)),
                    "The primary file app.apk changed while it was being uploaded: it is now 4097 bytes, it was"
                            + " 4096 when the upload was announced, so the upload was stopped. Upload it after the build"
                            + " has finished writing it"),
            new Row(Layer.FILE_SIDE, "the file is deleted after it was found", c -> fileSideUpload(c, Files::delete),
                    "The primary file app.apk is gone from {ws}/app.apk: it was deleted while it was being uploaded,"
                            + " so the upload was stopped. Upload it after the build has finished with it"));
    }

    // ---- Rows by class of input ------------------------------------------------------------------------------------

    private static final String EMOJI = "🚀";

    /** Unicode in every file name and text field: what Buildstash takes goes through, the rest is refused by name. */
    private static List<Row> unicodeRows() {
        List<Row> rows = new ArrayList<>();
        // One name per class of text: Latin-1 range, CJK, beyond the BMP, combining marks, right-to-left, quotes.
        for (String name : List.of("jeu-été.apk", "游戏.apk", "rocket🚀.apk", "cafe\u0301.apk", "لعبة.apk",
                "my game \"final\" it's.apk")) {
            rows.add(new Row(Layer.FILE_SELECTION, "a file named " + name, c -> {
                Files2.random(c.ws(), name, 3000, 11);
                return accepted(c, WorkspaceFiles.resolveOne(c.ws(), "*.apk", "file"), null, List.of(), o -> o);
            }, "uploaded as " + name));
        }
        rows.add(new Row(Layer.FILE_SELECTION, "an expansion file and a metadata artifact with Unicode names", c ->
                accepted(c, LocalFile.of(Files2.random(c.ws(), "jeu-été.apk", 3000, 12)),
                        LocalFile.of(Files2.random(c.ws(), "main.1.游戏🚀.obb", 2000, 13)),
                        List.of(new MetadataFile(LocalFile.of(Files.writeString(c.ws().resolve("测试报告.xml"), "<r/>")),
                                "Rapport d'essai — 测试")), o -> o),
                "uploaded as jeu-été.apk with main.1.游戏🚀.obb and 测试报告.xml"));
        rows.add(new Row(Layer.STORAGE, "a file name with a line break (the signed header cannot carry it)", c ->
                serverUpload(c, Files2.random(c.ws(), "two\nlines.apk", 1000, 14), o -> o),
                "Buildstash returned a Content-Disposition header for two\nlines.apk that cannot be sent as storage"
                        + " signed it (its value holds a line break), so nothing was sent and the upload was stopped."
                        + " Rename the file to plainer characters, and tell Buildstash about the header it returned"));
        rows.add(new Row(Layer.OPTIONS, "notes, labels, CI and source details in several scripts", c ->
                accepted(c, o -> o.notes("Notes — é 游戏 🚀 لعبة cafe\u0301").labels(List.of("qa, 夜間", "🚀"))
                        .ci(new io.jenkins.plugins.buildstash.upload.CiInfo("jeux/été 🚀", "42", null, null))
                        .vcs(new io.jenkins.plugins.buildstash.upload.VcsInfo("git", "github", "studio/jeu-été",
                                null, "feature/游戏-🚀", null, null))),
                "uploaded as app.apk"));
        rows.add(new Row(Layer.OPTIONS, "stream 'bêta' (a letter outside ASCII)", c -> upload(c, o -> o.stream("bêta")),
                "Not uploaded: stream 'bêta' may only contain ASCII letters, digits, '_', '-' and '+'"));
        rows.add(new Row(Layer.OPTIONS, "versionExtra 'bêta'", c -> upload(c, o -> o.versionExtra("bêta")),
                "Not uploaded: versionExtra 'bêta' may only contain ASCII letters, digits and '-', in dot-separated parts"
                        + " such as 'beta' or 'rc.1'"));
        rows.add(new Row(Layer.OPTIONS, "versionMeta in full-width digits '２０２６'", c -> upload(c,
                o -> o.versionMeta("２０２６")),
                "Not uploaded: versionMeta '２０２６' may only contain ASCII letters, digits and '-', in dot-separated"
                        + " parts such as '2026.11.29'"));
        rows.add(new Row(Layer.OPTIONS, "customBuildNumber in Devanagari digits '४२'", c -> upload(c,
                o -> o.customBuildNumber("४२")),
                "Not uploaded: customBuildNumber '४२' may only contain ASCII letters, digits, '.', '_' and '-'"));
        rows.add(new Row(Layer.OPTIONS, "an OBB expansion file with an iOS IPA", c -> refused(new UploadSpec(
                LocalFile.of(Files2.random(c.ws(), "Game.ipa", 100, 15)), LocalFile.of(Files2.random(c.ws(),
                        "main.1.obb", 100, 16)), List.of(), valid().platform("ios").build(), null)),
                "Not uploaded: expansionFile main.1.obb cannot go with file Game.ipa on platform 'ios': Buildstash takes"
                        + " an expansion file only as an Android OBB (.obb) beside an APK (.apk) on platform 'android'."
                        + " Remove expansionFile, or upload the OBB with its APK"));
        rows.add(new Row(Layer.OPTIONS, "labels '\"qa, nightly\", release' (a quoted comma)", c -> {
            List<String> labels = TextInputs.entries("labels", "\"qa, nightly\", release");
            assertThat(labels).containsExactly("qa, nightly", "release");
            return accepted(c, o -> o.labels(labels));
        }, "uploaded as app.apk"));
        rows.add(new Row(Layer.OPTIONS, "labels '\"qa, nightly' (a quote never closed)", c -> {
            try {
                TextInputs.entries("labels", "\"qa, nightly");
            } catch (InvalidUploadException e) {
                return e.getMessage();
            }
            throw new AssertionError("the labels were accepted");
        },
                "Not uploaded: labels: the quote that opens \"qa, nightly is never closed. Put an entry that holds a"
                        + " comma in double quotes, such as \"qa, nightly\", and write a quote inside it twice (\"\")"));
        rows.add(new Row(Layer.STORAGE, "storage answering 429 with a wait of 10 minutes", c -> {
            api.emulator.faults().on("storagePutObject").always()
                    .inject(Fault.status(429).withRetryAfter(RetryAfter.seconds(600)));
            return serverUpload(c, o -> o);
        },
                "Storage refused app.apk (HTTP 429 ServiceUnavailable: Too Many Requests, asked to wait 600 s) (storage asked to"
                        + " wait 600 s, longer than the 120 s we wait at most)"));
        return rows;
    }

    /** The file changes at each phase of an upload: the emulator runs the change when that phase's request arrives. */
    private static List<Row> changingFileRows() {
        String grown = "The primary file game.apk changed while it was being uploaded: it is now 2097163 bytes, it was"
                + " 2097161 when the upload was announced, so the upload was stopped. Upload it after the build has"
                + " finished writing it";
        return List.of(
                new Row(Layer.FILE_SIDE, "the file grows while the upload is requested", c -> changing(c, "requestUpload",
                        0, file -> Files.write(file, new byte[2], StandardOpenOption.APPEND)), grown),
                new Row(Layer.FILE_SIDE, "the file grows after its first part was stored", c -> changing(c,
                        "storageUploadPart", 2, file -> Files.write(file, new byte[2], StandardOpenOption.APPEND)), grown),
                new Row(Layer.FILE_SIDE, "the file is cut short after its first part was stored", c -> changing(c,
                        "storageUploadPart", 2, file -> {
                            try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(file,
                                    StandardOpenOption.WRITE)) {
                                f.truncate(1000);
                            }
                        }),
                        "The primary file game.apk changed while it was being uploaded: it is now 1000 bytes, it was"
                                + " 2097161 when the upload was announced, so the upload was stopped. Upload it after the"
                                + " build has finished writing it"),
                new Row(Layer.FILE_SIDE, "the file is rewritten at its own size between parts", c -> changing(c,
                        "storageUploadPart", 2, file -> Files.setLastModifiedTime(file,
                                java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis()
                                        + 5000))),
                        "The primary file game.apk changed while it was being uploaded: it was modified at {time}, after"
                                + " it was found (modified at {time}), so the upload was stopped. Upload it after the build"
                                + " has finished writing it"),
                new Row(Layer.FILE_SIDE, "the file is deleted between parts", c -> changing(c, "storageUploadPart", 2,
                        Files::delete),
                        "The primary file game.apk is gone from {ws}/game.apk: it was deleted while it was being"
                                + " uploaded, so the upload was stopped. Upload it after the build has finished with it"),
                new Row(Layer.FILE_SIDE, "the file grows while its last part is sent", c -> changing(c,
                        "storageUploadPart", 3, file -> Files.write(file, new byte[2], StandardOpenOption.APPEND)), grown));
    }

    /** The answer that creates the pending upload, with an encoding quirk; the upload it created is never orphaned. */
    private static List<Row> jsonAnswerRows() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        String malformed = "Buildstash at 127.0.0.1:{port} answered POST /upload/request with HTTP 200 but the JSON body"
                + " was cut off or malformed (not retried: the request may have reached Buildstash and created an upload)";
        String noId = "Buildstash answered POST /upload/request without a pending_upload_id, so the upload cannot go on";
        return List.of(
                new Row(Layer.SERVER, "a UTF-8 byte order mark", c -> quirk(c, null, b -> concat(bom, b)),
                        "uploaded as app.apk"),
                new Row(Layer.SERVER, "UTF-16LE with a byte order mark", c -> quirk(c, null, b -> concat(
                        new byte[] {(byte) 0xff, (byte) 0xfe}, recode(b, StandardCharsets.UTF_16LE))), "uploaded as app.apk"),
                new Row(Layer.SERVER, "UTF-16BE without a byte order mark", c -> quirk(c, null,
                        b -> recode(b, StandardCharsets.UTF_16BE)), "uploaded as app.apk"),
                new Row(Layer.SERVER, "JSON labelled text/html", c -> quirk(c, "text/html", b -> b), "uploaded as app.apk"),
                new Row(Layer.SERVER, "JSON labelled text/plain; charset=ISO-8859-1", c -> quirk(c,
                        "text/plain; charset=ISO-8859-1", b -> b), "uploaded as app.apk"),
                new Row(Layer.SERVER, "JSON followed by garbage", c -> quirk(c, null,
                        b -> concat(b, "<!-- cached -->".getBytes(StandardCharsets.US_ASCII))), malformed),
                new Row(Layer.SERVER, "two JSON documents", c -> quirk(c, null, b -> concat(b, b)), malformed),
                new Row(Layer.SERVER, "the upload answer cut in half", c -> quirk(c, null,
                        b -> java.util.Arrays.copyOf(b, b.length / 2)), malformed),
                new Row(Layer.SERVER, "an upload answer of the wrong shape", c -> quirk(c, null,
                        b -> new String(b, StandardCharsets.UTF_8).replaceFirst("\"primary_file\":\\{",
                                "\"primary_file\":\"app.apk\",\"x\":{").getBytes(StandardCharsets.UTF_8)),
                        "Buildstash answered POST /upload/request with a body that does not have the shape of an upload"
                                + " answer (a primary_file with its upload instructions), so the upload was stopped"),
                new Row(Layer.SERVER, "an empty upload answer (its pending upload cannot be named)", c -> quirk(c, null,
                        b -> new byte[0]), noId),
                new Row(Layer.SERVER, "an upload answer of JSON null", c -> quirk(c, null,
                        b -> "null".getBytes(StandardCharsets.US_ASCII)), noId),
                new Row(Layer.SERVER, "an HTML page instead of the upload answer", c -> quirk(c, "text/html",
                        b -> "<html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8)),
                        "Buildstash at 127.0.0.1:{port} answered POST /upload/request with HTTP 200 and an HTML page"
                                + " instead of JSON: check that the base URL points at the API (it usually ends in"
                                + " /api/v1), not at the web app or a proxy's login page"));
    }

    /** Every text and size limit at its boundary (taken) and one past it (refused), in characters and in bytes. */
    private static List<Row> limitRows() {
        String ok = "uploaded as app.apk";
        return List.of(
                new Row(Layer.OPTIONS, "notes of 1000 characters", c -> accepted(c, o -> o.notes("n".repeat(1000))), ok),
                new Row(Layer.OPTIONS, "notes of 1000 emoji (2000 UTF-16 units)", c -> accepted(c,
                        o -> o.notes(EMOJI.repeat(1000))), ok),
                new Row(Layer.OPTIONS, "notes of 1001 emoji", c -> upload(c, o -> o.notes(EMOJI.repeat(1001))),
                        "Not uploaded: notes is 1001 characters long; Buildstash takes at most 1000"),
                new Row(Layer.OPTIONS, "a stream of 12 characters", c -> {
                    api.emulator.addStream(api.seed.applicationId(), "release-cand");
                    return accepted(c, o -> o.stream("release-cand"));
                }, ok),
                new Row(Layer.OPTIONS, "a customTarget of 20 emoji", c -> {
                    api.emulator.addCustomTarget(api.seed.applicationId(), EMOJI.repeat(20), "android");
                    return accepted(c, o -> o.customTarget(EMOJI.repeat(20)));
                }, ok),
                new Row(Layer.OPTIONS, "a customTarget of 21 emoji", c -> upload(c, o -> o.customTarget(EMOJI.repeat(21))),
                        "Not uploaded: customTarget '" + EMOJI.repeat(21) + "' is 21 characters long; Buildstash takes"
                                + " at most 20"),
                new Row(Layer.OPTIONS, "versionExtra of 25 characters", c -> accepted(c, o -> o.versionExtra("b".repeat(25))), ok),
                new Row(Layer.OPTIONS, "versionExtra of 26 characters", c -> upload(c, o -> o.versionExtra("b".repeat(26))),
                        "Not uploaded: versionExtra '" + "b".repeat(26) + "' is 26 characters long; Buildstash takes at"
                                + " most 25"),
                new Row(Layer.OPTIONS, "versionMeta of 64 characters", c -> accepted(c, o -> o.versionMeta("m".repeat(64))), ok),
                new Row(Layer.OPTIONS, "versionMeta of 65 characters", c -> upload(c, o -> o.versionMeta("m".repeat(65))),
                        "Not uploaded: versionMeta '" + "m".repeat(65) + "' is 65 characters long; Buildstash takes at"
                                + " most 64"),
                new Row(Layer.OPTIONS, "customBuildNumber of 100 characters", c -> accepted(c,
                        o -> o.customBuildNumber("1".repeat(100))), ok),
                new Row(Layer.OPTIONS, "customBuildNumber of 101 characters", c -> upload(c,
                        o -> o.customBuildNumber("1".repeat(101))),
                        "Not uploaded: customBuildNumber '" + "1".repeat(101) + "' is 101 characters long; Buildstash"
                                + " takes at most 100"),
                new Row(Layer.OPTIONS, "10 labels", c -> accepted(c, o -> o.labels(numbered("label", 10))), ok),
                new Row(Layer.OPTIONS, "a file name of 255 emoji", c -> accepted(c, renamed(small(c),
                        EMOJI.repeat(251) + ".apk"), null, List.of(), o -> o), "uploaded as " + EMOJI.repeat(251) + ".apk"),
                new Row(Layer.OPTIONS, "a file name of 256 emoji", c -> refused(new UploadSpec(renamed(small(c),
                        EMOJI.repeat(252) + ".apk"), null, List.of(), valid().build(), null)),
                        "Not uploaded: file name '" + EMOJI.repeat(39) + "…' is 256 characters long; Buildstash takes at"
                                + " most 255"),
                new Row(Layer.OPTIONS, "a metadata description of 255 emoji", c -> accepted(c, LocalFile.of(small(c)),
                        null, List.of(new MetadataFile(LocalFile.of(Files.writeString(c.ws().resolve("r.xml"), "<r/>")),
                                EMOJI.repeat(255))), o -> o), "uploaded as app.apk with r.xml"),
                new Row(Layer.OPTIONS, "a metadata description of 256 emoji", c -> refused(new UploadSpec(
                        LocalFile.of(small(c)), null, List.of(new MetadataFile(LocalFile.of(Files.writeString(
                                c.ws().resolve("r.xml"), "<r/>")), EMOJI.repeat(256))), valid().build(), null)),
                        "Not uploaded: the description of metadata artifact r.xml is 256 characters long; Buildstash"
                                + " takes at most 255"),
                new Row(Layer.OPTIONS, "a file of 1 byte", c -> accepted(c, LocalFile.of(Files.write(
                        c.ws().resolve("app.apk"), new byte[] {7})), null, List.of(), o -> o), ok),
                new Row(Layer.OPTIONS, "a metadata artifact of exactly 20 MiB", c -> accepted(c, LocalFile.of(small(c)),
                        null, List.of(new MetadataFile(LocalFile.of(sized(c, "build.log", 20 * MIB)), null)), o -> o),
                        "uploaded as app.apk with build.log"),
                new Row(Layer.OPTIONS, "a metadata artifact of 20 MiB and 1 byte", c -> refused(new UploadSpec(
                        LocalFile.of(small(c)), null, List.of(new MetadataFile(LocalFile.of(sized(c, "build.log",
                                20 * MIB + 1)), null)), valid().build(), null)),
                        "Not uploaded: metadataArtifacts build.log is 20971521 bytes (20 MiB), 1 byte over the limit:"
                                + " Buildstash takes at most 20971520 bytes (20 MiB) for it"),
                new Row(Layer.OPTIONS, "a file of 500 GB and 1 byte", c -> refused(new UploadSpec(new LocalFile(
                        small(c).toString(), "huge.apk", 500_000_000_001L), null, List.of(), valid().build(), null)),
                        "Not uploaded: file huge.apk is 500000000001 bytes (466 GiB), 1 byte over the limit: Buildstash"
                                + " takes at most 500000000000 bytes (466 GiB) for it"));
    }

    // ---- Cases ----------------------------------------------------------------------------------------------------

    /** Per row: a fresh workspace, and the values the placeholders stand for. */
    record Context(Path dir) {
        Path ws() throws IOException {
            return Files.createDirectories(dir.resolve("workspace"));
        }

        /** The message with this run's paths, ports and ids put back as placeholders; any other id as {id}. */
        String placeholders(String message) throws IOException {
            Map<String, String> values = new LinkedHashMap<>();
            values.put(outside(ws()).toRealPath().toString(), "{outside}");
            values.put(ws().toString(), "{ws}");
            values.put("127.0.0.1:" + api.emulator.port(), "127.0.0.1:{port}");
            values.put("127.0.0.1:" + closedPort, "127.0.0.1:{closed}");
            values.put(api.seed.applicationId(), "{app}");
            values.put(api.seed.otherApplicationId(), "{other}");
            String s = message;
            for (Map.Entry<String, String> e : values.entrySet()) {
                s = s.replace(e.getKey(), e.getValue());
            }
            // Generated upload ids appear in storage paths, file times in changed-file messages: the things a row
            // cannot know in advance.
            return s.replaceAll(UUID, "{id}").replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "{time}");
        }
    }

    @FunctionalInterface
    interface Setup {
        void in(Path workspace) throws IOException;
    }

    @FunctionalInterface
    interface FileChange {
        void apply(Path file) throws IOException;
    }

    private static Path apk(Path dir, String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "apk bytes");
    }

    private static Path outside(Path workspace) throws IOException {
        return Files.createDirectories(workspace.resolveSibling("outside"));
    }

    private static Case select(Setup setup, String pattern) {
        return c -> {
            setup.in(c.ws());
            return selectIn(c.ws(), pattern);
        };
    }

    private static String selectIn(Path workspace, String pattern) {
        try {
            WorkspaceFiles.resolveOne(workspace, pattern, "file");
        } catch (FileSelectionException e) {
            return e.getMessage();
        }
        throw new AssertionError("'" + pattern + "' was accepted");
    }

    /** Where the tests run as root, a file without read permission is still readable: the check runs without root's powers. */
    private static String unreadable(Context c) throws Exception {
        Path file = apk(c.ws(), "build/app.apk");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(file)) {
            return selectIn(c.ws(), "build/app.apk");
        }
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeThat(Files.isExecutable(setpriv)).as("setpriv, to drop root's read-anything capability").isTrue();
        String classPath = Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator
                + Path.of("target/test-classes").toAbsolutePath();
        Process probe = new ProcessBuilder(setpriv.toString(), "--bounding-set", "-dac_override,-dac_read_search",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                UnreadableFileProbe.class.getName(), c.ws().toString(), "build/app.apk", "file")
                .redirectErrorStream(true).start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        return new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private static UploadOptions.Builder valid() {
        return UploadOptions.builder().platform("android").stream("beta").version(1, 4, 2);
    }

    private static UploadSpec spec(Path file, UnaryOperator<UploadOptions.Builder> change) throws IOException {
        return new UploadSpec(LocalFile.of(file), null, List.of(), change.apply(valid()).build(),
                TransferSettings.defaults().withConcurrency(1));
    }

    private static Path small(Context c) throws IOException {
        return Files2.random(c.ws(), "app.apk", 4096, 7);
    }

    private static Path multipart(Context c) throws IOException {
        return Files2.random(c.ws(), "game.apk", 2 * MIB + 9, 8);
    }

    private static String upload(Context c, UnaryOperator<UploadOptions.Builder> change) throws Exception {
        return upload(c, small(c), change);
    }

    /** An upload refused by the checks before anything is sent: no request reaches the emulator. */
    private static String upload(Context c, Path file, UnaryOperator<UploadOptions.Builder> change) throws Exception {
        long before = api.emulator.requestLog().size();
        try {
            new Uploader(api.appClient(), new LocalFileSide(line -> {}, api.sleeper), line -> {}).upload(spec(file, change));
        } catch (InvalidUploadException e) {
            assertThat(api.emulator.requestLog()).as("requests sent").hasSize((int) before);
            return e.getMessage();
        }
        throw new AssertionError("the upload was accepted");
    }

    private static String wholeNumber(String option, String text) {
        try {
            TextInputs.wholeNumber(option, text);
        } catch (InvalidUploadException e) {
            return e.getMessage();
        }
        throw new AssertionError("'" + text + "' was accepted");
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }

    private static String tooManyMetadata(Context c) throws Exception {
        List<MetadataFile> metadata = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            metadata.add(new MetadataFile(LocalFile.of(Files.writeString(c.ws().resolve("report-" + i + ".xml"), "<r/>")),
                    null));
        }
        return refused(new UploadSpec(LocalFile.of(small(c)), null, metadata, valid().build(), null));
    }

    private static String largeMetadata(Context c) throws Exception {
        Path log = c.ws().resolve("build.log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(21 * MIB);
        }
        return refused(new UploadSpec(LocalFile.of(small(c)), null, List.of(new MetadataFile(LocalFile.of(log), null)),
                valid().build(), null));
    }

    private static String refused(UploadSpec spec) throws Exception {
        try {
            new Uploader(api.appClient(), new LocalFileSide(line -> {}, api.sleeper), line -> {}).upload(spec);
        } catch (InvalidUploadException e) {
            return e.getMessage();
        }
        throw new AssertionError("the upload was accepted");
    }

    private static String credentials(String id, String secret, String otherType) {
        if (secret != null) {
            SecretLedger.secret(secret.strip());
        }
        try {
            CredentialMessages.resolve(id, "mobile/space-game/main", secret, otherType);
        } catch (hudson.AbortException e) {
            return e.getMessage();
        }
        throw new AssertionError("the credentials were accepted");
    }

    private static String baseUrl(String text) {
        try {
            ApiBaseUrl.parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("'" + text + "' was accepted");
    }

    private static String serverUpload(Context c, UnaryOperator<UploadOptions.Builder> change) throws Exception {
        return serverUpload(c, small(c), change);
    }

    private static String serverUpload(Context c, Path file, UnaryOperator<UploadOptions.Builder> change)
            throws Exception {
        return serverUpload(c, null, api.seed.applicationKey(), file, change, null);
    }

    private static String serverUpload(Context c, String baseUrl, String key, UnaryOperator<UploadOptions.Builder> change)
            throws Exception {
        return serverUpload(c, baseUrl, key, small(c), change, null);
    }

    /** An upload that reaches Buildstash (or tries to) and fails there; the failure is what the build log shows. */
    private static String serverUpload(Context c, String baseUrl, String key, Path file,
            UnaryOperator<UploadOptions.Builder> change, FileSide fileSide) throws Exception {
        BuildstashClient.Builder builder = api.builder(key);
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        List<String> log = new ArrayList<>();
        FileSide side = fileSide != null ? fileSide : new LocalFileSide(SecretLedger.log("catalogue", log), api.sleeper);
        try {
            new Uploader(builder.build(), side, SecretLedger.log("catalogue", log)).upload(spec(file, change));
        } catch (IOException e) {
            SecretLedger.observe("bad-input catalogue", e);
            return e.getMessage();
        }
        throw new AssertionError("the upload went through");
    }

    /** The file changes between being found (its size announced) and being sent. */
    private static String fileSideUpload(Context c, FileChange change) throws Exception {
        Path file = small(c);
        FileSide changing = (order, urls) -> {
            change.apply(file);
            return new LocalFileSide(line -> {}, api.sleeper).transfer(order, urls);
        };
        return serverUpload(c, null, api.seed.applicationKey(), file, o -> o, changing);
    }

    /** An upload Buildstash takes: what the user then reads is where the build's files went. */
    private static String accepted(Context c, UnaryOperator<UploadOptions.Builder> change) throws Exception {
        return accepted(c, LocalFile.of(small(c)), null, List.of(), change);
    }

    private static String accepted(Context c, LocalFile primary, LocalFile expansion, List<MetadataFile> metadata,
            UnaryOperator<UploadOptions.Builder> change) throws Exception {
        List<String> log = new ArrayList<>();
        UploadResult result = new Uploader(api.appClient(), new LocalFileSide(SecretLedger.log("catalogue", log),
                api.sleeper), SecretLedger.log("catalogue", log)).upload(new UploadSpec(primary, expansion, metadata,
                change.apply(valid()).build(), TransferSettings.defaults().withConcurrency(1)));
        assertThat(result.metadataFailures()).as("metadata failures").isEmpty();
        StoredBuild build = api.emulator.storedBuild(result.buildId()).orElseThrow();
        List<String> others = new ArrayList<>();
        build.expansions().forEach(f -> others.add(f.filename()));
        build.metadataArtifacts().forEach(f -> others.add(f.filename()));
        return "uploaded as " + build.primary().filename() + (others.isEmpty() ? "" : " with " + String.join(" and ", others));
    }

    /** The same file under another name, as Buildstash will show it (a name longer than a file system allows). */
    private static LocalFile renamed(Path file, String name) throws IOException {
        LocalFile found = LocalFile.of(file);
        return new LocalFile(found.path(), name, found.size(), found.modifiedMillis());
    }

    private static Path sized(Context c, String name, long size) throws IOException {
        return Files2.random(c.ws(), name, size, 17);
    }

    /** A three-part upload whose file changes when the given request arrives (part {@code part}, or any). */
    private static String changing(Context c, String route, int part, FileChange change) throws Exception {
        Path file = multipart(c);
        Runnable act = () -> {
            try {
                change.apply(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        var rule = api.emulator.faults().on(route);
        (part > 0 ? rule.part(part) : rule).once().inject(Fault.meanwhile(act));
        long verifies = api.emulator.requestCount("verifyUpload");
        String message = serverUpload(c, file, o -> o);
        assertThat(api.emulator.requestCount("verifyUpload")).as("verify calls").isEqualTo(verifies);
        return message;
    }

    /** The upload request's answer rewritten; an upload whose id the answer hid is aborted here, by the test. */
    private static String quirk(Context c, String contentType, UnaryOperator<byte[]> rewrite) throws Exception {
        api.emulator.faults().on("requestUpload").once().inject(Fault.rewriteAnswer(contentType, rewrite));
        List<String> openBefore = api.emulator.pendingUploads().stream().map(PendingUploadView::id).toList();
        String message;
        try {
            message = accepted(c, o -> o);
        } catch (IOException e) {
            SecretLedger.observe("bad-input catalogue", e);
            message = e.getMessage();
        }
        for (PendingUploadView left : api.emulator.pendingUploads()) {
            if (!openBefore.contains(left.id())) {
                // Only an answer that does not name its upload may leave one: nothing in the plugin could abort it.
                assertThat(message).as("an upload left open by " + message).containsAnyOf("pending_upload_id", "HTML page");
                api.appClient().abortUpload(left.id());
            }
        }
        return message;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] recode(byte[] utf8, java.nio.charset.Charset to) {
        return new String(utf8, StandardCharsets.UTF_8).getBytes(to);
    }

    static {
        // A key used by a row, so that the secret-hygiene check looks for it too.
        SecretLedger.secret("bse_revoked_0000");
    }
}
