package io.jenkins.plugins.buildstash.bench;

import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import io.jenkins.plugins.buildstash.upload.FileOrder;
import io.jenkins.plugins.buildstash.upload.FileReceipt;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The baseline: a file side that hands the presigned single PUT to {@code curl --upload-file}, as the Buildstash
 * docs' cURL recipe does, with exactly the signed headers plus {@code x-amz-acl: private}. The key side (request,
 * verify) is the plugin's, so both clients get the same kind of URL through the API. curl reports its own transfer
 * time ({@code %{time_total}}: connect to last response byte), which leaves out starting the process.
 */
final class CurlFileSide implements FileSide {

    private final boolean expectHeaderOff;
    private final Path scratch;
    private double lastSeconds = Double.NaN;

    /** @param expectHeaderOff adds {@code -H "Expect:"}, so curl sends the body without waiting for 100 Continue */
    CurlFileSide(boolean expectHeaderOff, Path scratch) {
        this.expectHeaderOff = expectHeaderOff;
        this.scratch = scratch;
    }

    /** curl's own transfer time of the last PUT, in seconds. */
    double lastSeconds() {
        return lastSeconds;
    }

    @Override
    public TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException {
        List<FileReceipt> receipts = new ArrayList<>();
        for (FileOrder file : order.files()) {
            if (file.isMultipart()) {
                throw new IOException("the curl baseline sends single PUTs only; multipart goes through bench/curl-multipart.sh");
            }
            PresignedRequest put = urls.singlePut(file.role(), file.index());
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body", "-o", "/dev/null",
                    "-D", "-", "-w", "\\nTIME %{time_total}\\n", "--upload-file", file.path()));
            for (Map.Entry<String, String> header : put.headers().entrySet()) {
                if (!header.getKey().equalsIgnoreCase("Content-Length")) { // curl sets it from the file
                    command.add("-H");
                    command.add(header.getKey() + ": " + header.getValue());
                }
            }
            command.add("-H");
            command.add("x-amz-acl: private");
            if (expectHeaderOff) {
                command.add("-H");
                command.add("Expect:");
            }
            command.add(put.url());
            Path out = Files.createTempFile(scratch, "curl-", ".out");
            try {
                Process curl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                int exit = curl.waitFor();
                String text = Files.readString(out, StandardCharsets.ISO_8859_1);
                if (exit != 0) {
                    throw new IOException("curl exited with " + exit + ": " + text.strip());
                }
                String etag = null;
                for (String line : text.split("\r?\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("etag:")) {
                        etag = line.substring(5).strip();
                    } else if (line.startsWith("TIME ")) {
                        lastSeconds = Double.parseDouble(line.substring(5).strip());
                    }
                }
                receipts.add(new FileReceipt(file.role(), file.index(), file.name(), file.size(),
                        List.of(String.valueOf(etag)), (long) (lastSeconds * 1000), 0));
            } finally {
                Files.deleteIfExists(out);
            }
        }
        return new TransferReceipt(receipts);
    }
}
