package io.jenkins.plugins.buildstash.emulator;

/**
 * One file a pending upload expects: a single PUT of exactly {@code size} bytes, or {@code partCount} parts of
 * {@code partSize} bytes (the last one shorter). Received bodies are recorded by the owning {@link PendingUpload}.
 */
record PendingFile(
        String key, String filename, long size, String contentType, String contentDisposition, int partCount,
        long partSize) {

    static PendingFile single(String key, String filename, long size) {
        return new PendingFile(key, filename, size, Catalog.contentType(filename), attachment(filename), 0, 0);
    }

    static PendingFile multipart(String key, String filename, long size, long partSize) {
        int parts = (int) ((size + partSize - 1) / partSize);
        return new PendingFile(
                key, filename, size, Catalog.contentType(filename), attachment(filename), parts, partSize);
    }

    boolean chunked() {
        return partCount > 0;
    }

    /** The exact length of part {@code number} (1-based): {@code partSize}, except for the last part. */
    long partLength(int number) {
        return number < partCount ? partSize : size - (long) (partCount - 1) * partSize;
    }

    /** A {@code Content-Disposition} value naming the file. */
    static String attachment(String filename) {
        return "attachment; filename=\"" + filename.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
