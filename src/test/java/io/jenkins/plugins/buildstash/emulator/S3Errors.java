package io.jenkins.plugins.buildstash.emulator;

import java.util.UUID;

/** Storage errors in S3's XML shape, so that clients meet what AWS S3 and R2 answer. */
final class S3Errors {

    private S3Errors() {}

    static Response error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message><RequestId>" + UUID.randomUUID() + "</RequestId></Error>";
        return Response.of(status, "application/xml", xml);
    }

    static Response expired() {
        return error(403, "AccessDenied", "Request has expired");
    }

    static Response signatureMismatch() {
        return error(403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and"
                        + " signing method.");
    }

    static Response noSuchUpload() {
        return error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the"
                + " upload may have been aborted or completed.");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
