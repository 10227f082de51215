package io.jenkins.plugins.buildstash.demo;

import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.model.BuildDownload;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Seed;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.RemotingLikeFileSide;
import io.jenkins.plugins.buildstash.upload.CiInfo;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.MetadataFile;
import io.jenkins.plugins.buildstash.upload.Sizes;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import io.jenkins.plugins.buildstash.upload.VcsInfo;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The README's main job: what {@code buildstashUpload} does in a pipeline, run against the local Buildstash emulator.
 * It starts the emulator with a seeded application, writes a sample game build (256 MiB) and a metadata file into a
 * workspace, uploads them through the same key side / file side path the step uses (the file side behind a
 * serialisation boundary, as on an agent), over a link shaped to 80 Mbit/s per connection so that parallel parts and
 * progress lines show, and prints the log a pipeline would show, the links and the figures. It then fetches the build
 * back through the download route and compares SHA-256.
 */
public final class MainJob {

    private static final long SAMPLE_BYTES = 256L * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path workspace = Files.createTempDirectory("buildstash-demo-workspace");
        EmulatorOptions options = EmulatorOptions.defaults()
                .withMultipartThresholdBytes(64L * 1024 * 1024)
                .withPartSizeMb(32)
                .withBandwidthBitsPerSecond(80_000_000L);
        try (BuildstashEmulator emulator = BuildstashEmulator.start(options)) {
            Seed seed = emulator.seedDefaults();
            out.println("[demo] Local Buildstash emulator at " + emulator.apiBaseUrl() + " (application '"
                    + seed.applicationName() + "', streams " + seed.streams() + ", 80 Mbit/s per connection)");
            Path build = Files2.random(workspace, "SpaceGame-1.5.0.apk", SAMPLE_BYTES, 1500);
            Path report = Files.writeString(workspace.resolve("test-report.json"), "{\"tests\":412,\"failures\":0}\n");
            out.println("[demo] Workspace " + workspace + ": " + build.getFileName() + " ("
                    + Sizes.bytes(Files.size(build)) + "), " + report.getFileName());
            out.println("[demo] Pipeline: buildstashUpload file: '*.apk', platform: 'android', stream: 'beta',"
                    + " versionMajor: 1, versionMinor: 5, versionPatch: 0, labels: 'nightly', metadataArtifacts: '*.json'");
            out.println();

            PrintStream console = new PrintStream(out, true);
            BuildstashClient client = BuildstashClient.builder(ApiKey.of(seed.applicationKey()))
                    .baseUrl(emulator.apiBaseUrl())
                    .log(console::println)
                    .build();
            UploadSpec spec = new UploadSpec(LocalFile.of(build), null,
                    List.of(new MetadataFile(LocalFile.of(report), "Unit test summary")),
                    UploadOptions.builder()
                            .platform("android").stream("beta").version(1, 5, 0)
                            .labels(List.of("nightly"))
                            .ci(new CiInfo("mobile/space-game/main", "128", null, "00:07:31"))
                            .vcs(new VcsInfo("git", "github", "acme/space-game", "https://github.com/acme/space-game",
                                    "main", "3f2c9e1b7a5d4c6e8f0a1b2c3d4e5f6a7b8c9d0e", null))
                            .build(),
                    TransferSettings.defaults().withProgress(Duration.ofSeconds(2), 64L * 1024 * 1024));
            UploadResult result = new Uploader(client, new RemotingLikeFileSide(console::println), console::println)
                    .upload(spec);
            console.println("Buildstash build " + result.buildId() + " created: " + result.files().get(0).name() + " "
                    + result.version() + " (" + Sizes.bytes(result.totalBytes()) + " in "
                    + Sizes.duration(result.elapsedMillis()) + (result.pendingProcessing()
                            ? "; Buildstash is still processing it" : "") + ")");
            console.println("Build page: " + result.buildInfoUrl());
            console.println("Download page: " + result.downloadUrl());
            out.println();
            out.println("[demo] The step returns: " + result.asMap());

            BuildDownload download = client.getBuildDownload(seed.applicationId(), result.buildId());
            String served = sha256(download.primaryFile().tempUrl());
            String local = Files2.sha256(build);
            out.println("[demo] Figures: " + Sizes.bytes(result.totalBytes()) + " in " + Sizes.duration(result.elapsedMillis())
                    + " (" + Sizes.rate(result.totalBytes(), result.elapsedMillis()) + "), "
                    + emulator.requestCount("storageUploadPart") + " parts sent, "
                    + emulator.requestCount("requestMultipartPart") + " part URLs, " + result.retries() + " retries");
            out.println("[demo] Downloaded back through the download route: SHA-256 " + served
                    + (served.equals(local) ? " matches the workspace file." : " DIFFERS from the workspace file " + local));
            if (!served.equals(local)) {
                System.exit(1);
            }
        } finally {
            try (var files = Files.walk(workspace)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String sha256(String url) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private MainJob() {}
}
