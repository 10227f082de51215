package io.jenkins.plugins.buildstash.emulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/** How storage computes the ETag it returns for a PUT, always while the body streams through. */
public enum EtagMode {

    /** S3-faithful: the quoted lowercase MD5 hex of the body. For conformance tests; MD5 costs ~4x throughput here. */
    MD5 {
        @Override
        Digest start() {
            MessageDigest md5;
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has MD5", e);
            }
            return new Digest() {
                @Override
                public void update(byte[] bytes, int offset, int length) {
                    md5.update(bytes, offset, length);
                }

                @Override
                public String etag(long length) {
                    return '"' + HexFormat.of().formatHex(md5.digest()) + '"';
                }
            };
        }
    },

    /** For throughput benchmarks: the quoted CRC32C (a CPU intrinsic, effectively free) and length. */
    CHEAP {
        @Override
        Digest start() {
            CRC32C crc = new CRC32C();
            return new Digest() {
                @Override
                public void update(byte[] bytes, int offset, int length) {
                    crc.update(bytes, offset, length);
                }

                @Override
                public String etag(long length) {
                    return String.format("\"%08x-%d\"", crc.getValue(), length);
                }
            };
        }
    };

    /** An ETag in progress over one body. */
    interface Digest {
        void update(byte[] bytes, int offset, int length);

        String etag(long length);
    }

    abstract Digest start();
}
