package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multipart uploads with a 2 MiB threshold and 1 MiB parts, so that a 2.5 MiB file has 3 parts. */
class MultipartUploadTest {

    private static final int MIB = 1024 * 1024;
    private static final byte[] CONTENT = TestBytes.random(2 * MIB + MIB / 2, 7);

    private BuildstashEmulator emulator;
    private Seed seed;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        emulator = BuildstashEmulator.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(2 * MIB).withPartSizeMb(1));
        seed = emulator.seedDefaults();
        http = new TestHttp(emulator, seed.applicationKey());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Reply request(long size) {
        return http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "game.zip", size));
    }

    private static ObjectNode verifyBody(String id, List<ObjectNode> chunks) {
        ObjectNode body = Json.object().put("pending_upload_id", id);
        body.putArray("multipart_chunks").addAll(chunks);
        return body;
    }

    @Test
    void fileAboveTheThresholdIsAnnouncedAsChunkedWithoutPresignedData() {
        JsonNode primary = request(CONTENT.length).json().get("primary_file");

        assertThat(primary.get("chunked_upload").asBoolean()).isTrue();
        assertThat(primary.get("chunked_number_parts").asInt()).isEqualTo(3);
        assertThat(primary.get("chunked_part_size_mb").asInt()).isEqualTo(1);
        assertThat(primary.has("presigned_data")).isFalse();
        assertThat(request(2 * MIB).json().get("primary_file").get("chunked_upload").asBoolean())
                .as("exactly the threshold is still a single PUT").isFalse();
    }

    @Test
    void partsUploadedOneByOneAssembleIntoTheOriginalBytes() {
        Reply requested = request(CONTENT.length);
        String id = requested.json().get("pending_upload_id").asText();
        List<ObjectNode> chunks = http.uploadParts("/upload/request/multipart", id,
                requested.json().get("primary_file"), CONTENT);

        Reply verified = http.post("/upload/verify", verifyBody(id, chunks));

        assertThat(verified.status()).isEqualTo(200);
        StoredBuild build = emulator.storedBuild(verified.json().get("build_id").asText()).orElseThrow();
        assertThat(build.primary().sizeBytes()).isEqualTo(CONTENT.length);
        assertThat(build.primary().sha256()).isEqualTo(TestBytes.sha256(CONTENT));
        assertThat(chunks).extracting(chunk -> chunk.get("ETag").asText()).containsExactly(
                '"' + TestBytes.md5(Arrays.copyOfRange(CONTENT, 0, MIB)) + '"',
                '"' + TestBytes.md5(Arrays.copyOfRange(CONTENT, MIB, 2 * MIB)) + '"',
                '"' + TestBytes.md5(Arrays.copyOfRange(CONTENT, 2 * MIB, CONTENT.length)) + '"');
    }

    @Test
    void partsUploadedInParallelAndVerifiedOutOfOrderAssembleInPartOrder() throws Exception {
        Reply requested = request(CONTENT.length);
        String id = requested.json().get("pending_upload_id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<ObjectNode>> futures = new ArrayList<>();
        for (int part = 3; part >= 1; part--) {
            int number = part;
            futures.add(pool.submit(() -> {
                byte[] bytes = Arrays.copyOfRange(CONTENT, (number - 1) * MIB, Math.min(CONTENT.length, number * MIB));
                String url = http.post("/upload/request/multipart", Json.object().put("pending_upload_id", id)
                        .put("part_number", number).put("content_length", bytes.length))
                        .json().get("part_presigned_url").asText();
                return Json.object().put("PartNumber", number).put("ETag", http.putPart(url, bytes).header("ETag"));
            }));
        }
        List<ObjectNode> chunks = new ArrayList<>();
        for (Future<ObjectNode> future : futures) {
            chunks.add(future.get());
        }
        pool.shutdown();

        Reply verified = http.post("/upload/verify", verifyBody(id, chunks));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(emulator.storedBuilds().get(0).primary().sha256()).isEqualTo(TestBytes.sha256(CONTENT));
    }

    @Test
    void reuploadedPartReplacesTheEarlierOneAndOnlyItsEtagVerifies() {
        Reply requested = request(CONTENT.length);
        String id = requested.json().get("pending_upload_id").asText();
        List<ObjectNode> chunks = http.uploadParts("/upload/request/multipart", id,
                requested.json().get("primary_file"), CONTENT);
        String firstEtag = chunks.get(0).get("ETag").asText();
        byte[] other = TestBytes.random(MIB, 99);
        String url = http.post("/upload/request/multipart", Json.object().put("pending_upload_id", id)
                .put("part_number", 1).put("content_length", MIB)).json().get("part_presigned_url").asText();
        String secondEtag = http.putPart(url, other).header("ETag");

        Reply stale = http.post("/upload/verify", verifyBody(id, chunks));
        chunks.set(0, Json.object().put("PartNumber", 1).put("ETag", secondEtag));
        Reply fresh = http.post("/upload/verify", verifyBody(id, chunks));

        assertThat(secondEtag).isNotEqualTo(firstEtag);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().get("message").asText())
                .isEqualTo("The ETag for part 1 of game.zip does not match the uploaded part.");
        assertThat(fresh.status()).isEqualTo(200);
        byte[] expected = CONTENT.clone();
        System.arraycopy(other, 0, expected, 0, MIB);
        assertThat(emulator.storedBuilds().get(0).primary().sha256()).isEqualTo(TestBytes.sha256(expected));
    }

    @Test
    void verifyNamesTheMissingOrUnlistedPart() {
        Reply requested = request(CONTENT.length);
        String id = requested.json().get("pending_upload_id").asText();
        List<ObjectNode> chunks = http.uploadParts("/upload/request/multipart", id,
                requested.json().get("primary_file"), CONTENT);

        Reply tooFew = http.post("/upload/verify", verifyBody(id, chunks.subList(0, 2)));
        List<ObjectNode> twice = new ArrayList<>(List.of(chunks.get(0), chunks.get(0), chunks.get(2)));
        Reply duplicate = http.post("/upload/verify", verifyBody(id, twice));
        Reply unquoted = http.post("/upload/verify", verifyBody(id, List.of(chunks.get(0), chunks.get(1),
                Json.object().put("PartNumber", 3).put("ETag", chunks.get(2).get("ETag").asText().replace("\"", "")))));

        assertThat(tooFew.json().get("message").asText()).isEqualTo(
                "multipart_chunks lists 2 part(s), but this upload has 3: 3 for game.zip, in that order.");
        assertThat(duplicate.json().get("message").asText()).isEqualTo("Part 1 of game.zip is listed twice.");
        assertThat(unquoted.json().get("message").asText()).as("ETags compare verbatim, quotes included (G11)")
                .isEqualTo("The ETag for part 3 of game.zip does not match the uploaded part.");
        assertThat(emulator.pendingUploads()).hasSize(1);
    }

    @Test
    void verifyBeforeEveryPartArrivedNamesTheFirstMissingPart() {
        Reply requested = request(CONTENT.length);
        String id = requested.json().get("pending_upload_id").asText();
        List<ObjectNode> chunks = new ArrayList<>();
        for (int part = 1; part <= 3; part++) {
            chunks.add(Json.object().put("PartNumber", part).put("ETag", "\"x\""));
        }

        Reply verify = http.post("/upload/verify", verifyBody(id, chunks));

        assertThat(verify.status()).isEqualTo(400);
        assertThat(verify.json().get("message").asText()).isEqualTo("Part 1 of game.zip was never uploaded.");
    }

    @Test
    void partPresignChecksThePartNumberAndItsExactLength() {
        String id = request(CONTENT.length).json().get("pending_upload_id").asText();

        Reply outOfRange = http.post("/upload/request/multipart",
                Json.object().put("pending_upload_id", id).put("part_number", 4).put("content_length", 1));
        Reply wrongLength = http.post("/upload/request/multipart",
                Json.object().put("pending_upload_id", id).put("part_number", 3).put("content_length", MIB));
        Reply missingFields = http.post("/upload/request/multipart", Json.object().put("pending_upload_id", id));
        Reply lastPart = http.post("/upload/request/multipart",
                Json.object().put("pending_upload_id", id).put("part_number", 3).put("content_length", MIB / 2));

        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().get("message").asText()).isEqualTo("part_number must be between 1 and 3 for game.zip.");
        assertThat(wrongLength.status()).isEqualTo(400);
        assertThat(wrongLength.json().get("message").asText())
                .isEqualTo("content_length for part 3 of game.zip must be " + MIB / 2 + " bytes.");
        assertThat(missingFields.status()).isEqualTo(422);
        assertThat(missingFields.json().get("errors").fieldNames()).toIterable()
                .containsExactly("part_number", "content_length");
        assertThat(lastPart.status()).isEqualTo(200);
        assertThat(lastPart.json().get("part_number").asInt()).isEqualTo(3);
        assertThat(lastPart.json().get("part_presigned_url").asText()).contains("/storage/part/" + id + "/primary/3?");
    }

    @Test
    void partPutOfAnotherLengthOrTypeThanPresignedIsRefused() {
        String id = request(CONTENT.length).json().get("pending_upload_id").asText();
        String url = http.post("/upload/request/multipart", Json.object().put("pending_upload_id", id)
                .put("part_number", 1).put("content_length", MIB)).json().get("part_presigned_url").asText();

        Reply shorter = http.putPart(url, new byte[MIB - 1]);
        Reply untyped = http.put(url, new byte[MIB], java.util.Map.of());

        assertThat(shorter.status()).isEqualTo(403);
        assertThat(untyped.status()).isEqualTo(403);
        assertThat(emulator.uploads().get(0).receivedParts()).isZero();
    }

    @Test
    void chunkedExpansionUsesTheExpansionRouteAndFollowsThePrimaryPartsInVerify() {
        byte[] apk = TestBytes.random(MIB / 4, 8);
        byte[] obb = TestBytes.random(3 * MIB, 9);
        ObjectNode body = TestHttp.uploadRequest("android", "beta", "game.apk", apk.length).put("structure",
                "file+expansion");
        body.putArray("expansion_files").addObject().put("filename", "main.obb").put("size_bytes", obb.length);
        Reply requested = http.post("/upload/request", body);
        String id = requested.json().get("pending_upload_id").asText();
        JsonNode primary = requested.json().get("primary_file");
        JsonNode expansion = requested.json().get("expansion_files").get(0);
        assertThat(primary.get("chunked_upload").asBoolean()).isFalse();
        assertThat(expansion.get("chunked_upload").asBoolean()).isTrue();
        JsonNode presigned = primary.get("presigned_data");
        assertThat(http.put(presigned.get("url").asText(), apk, TestHttp.headers(presigned)).status()).isEqualTo(200);
        Reply wrongRoute = http.post("/upload/request/multipart",
                Json.object().put("pending_upload_id", id).put("part_number", 1).put("content_length", MIB));
        List<ObjectNode> chunks =
                http.uploadParts("/upload/request/multipart/expansion", id, expansion, obb);

        Reply verified = http.post("/upload/verify", verifyBody(id, chunks));

        assertThat(wrongRoute.json().get("message").asText()).startsWith("The file game.apk is not a multipart upload");
        assertThat(verified.status()).isEqualTo(200);
        StoredBuild build = emulator.storedBuilds().get(0);
        assertThat(build.primary().sha256()).isEqualTo(TestBytes.sha256(apk));
        assertThat(build.expansions()).singleElement().satisfies(file -> {
            assertThat(file.filename()).isEqualTo("main.obb");
            assertThat(file.sha256()).isEqualTo(TestBytes.sha256(obb));
        });
    }

    @Test
    void chunkedPrimaryAndExpansionVerifyWithTheirPartsConcatenatedAsTheOfficialClientsSendThem() {
        byte[] obb = TestBytes.random(2 * MIB + 10, 10);
        ObjectNode body = TestHttp.uploadRequest("android", "beta", "game.apk", CONTENT.length)
                .put("structure", "file+expansion");
        body.putArray("expansion_files").addObject().put("filename", "main.obb").put("size_bytes", obb.length);
        Reply requested = http.post("/upload/request", body);
        String id = requested.json().get("pending_upload_id").asText();
        List<ObjectNode> chunks = new ArrayList<>(http.uploadParts("/upload/request/multipart", id,
                requested.json().get("primary_file"), CONTENT));
        chunks.addAll(http.uploadParts("/upload/request/multipart/expansion", id,
                requested.json().get("expansion_files").get(0), obb));

        Reply verified = http.post("/upload/verify", verifyBody(id, chunks));

        assertThat(chunks).extracting(c -> c.get("PartNumber").asInt()).containsExactly(1, 2, 3, 1, 2, 3);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(emulator.storedBuilds().get(0).expansions().get(0).sha256()).isEqualTo(TestBytes.sha256(obb));
    }

    @Test
    void abortDiscardsReceivedPartsAndRefusesLaterPartPuts() {
        Reply requested = request(CONTENT.length);
        String id = requested.json().get("pending_upload_id").asText();
        String url = http.post("/upload/request/multipart", Json.object().put("pending_upload_id", id)
                .put("part_number", 1).put("content_length", MIB)).json().get("part_presigned_url").asText();
        assertThat(http.putPart(url, Arrays.copyOf(CONTENT, MIB)).status()).isEqualTo(200);
        assertThat(emulator.uploads().get(0).receivedParts()).isEqualTo(1);

        assertThat(http.post("/upload/abort", Json.object().put("pending_upload_id", id)).status()).isEqualTo(200);

        assertThat(emulator.uploads().get(0).status()).isEqualTo("ABORTED");
        assertThat(emulator.uploads().get(0).receivedParts()).isZero();
        assertThat(http.putPart(url, Arrays.copyOf(CONTENT, MIB)).status()).isEqualTo(404);
        assertThat(http.post("/upload/request/multipart", Json.object().put("pending_upload_id", id)
                .put("part_number", 2).put("content_length", MIB)).json().get("message").asText())
                .isEqualTo("This upload has been aborted.");
    }

    @Test
    void cheapEtagModeAnswersQuotedCrcAndLength() throws Exception {
        try (BuildstashEmulator cheap = BuildstashEmulator.start(EmulatorOptions.defaults().withEtagMode(EtagMode.CHEAP))) {
            TestHttp client = new TestHttp(cheap, cheap.seedDefaults().applicationKey());
            JsonNode presigned = client.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 3))
                    .json().get("primary_file").get("presigned_data");
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(new byte[] {1, 2, 3});

            Reply put = client.put(presigned.get("url").asText(), new byte[] {1, 2, 3}, TestHttp.headers(presigned));

            assertThat(put.header("ETag")).isEqualTo(String.format("\"%08x-3\"", crc.getValue()));
        }
    }

    @Test
    void noStoreModeKeepsSizesButNoBytesToDownload() throws Exception {
        try (BuildstashEmulator bare = BuildstashEmulator.start(EmulatorOptions.defaults().withKeepBytes(false))) {
            Seed bareSeed = bare.seedDefaults();
            TestHttp client = new TestHttp(bare, bareSeed.applicationKey());
            Reply verified = client.uploadSinglePart(TestHttp.uploadRequest("windows", "beta", "a.exe", 3), new byte[3]);
            String buildId = verified.json().get("build_id").asText();

            Reply download = client.get("/applications/" + bareSeed.applicationId() + "/builds/" + buildId + "/download");

            assertThat(bare.storedBuild(buildId).orElseThrow().primary())
                    .extracting(StoredFile::sizeBytes, StoredFile::sha256).containsExactly(3L, null);
            assertThat(download.status()).isEqualTo(404);
        }
    }
}
