package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;

/**
 * A file as the key side knows it: where it lies on the machine that will send it, the name Buildstash will show and
 * its size when it was found (the file side checks it has not changed).
 */
public record LocalFile(String path, String name, long size) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static LocalFile of(java.nio.file.Path path) throws java.io.IOException {
        java.nio.file.Path name = path.getFileName();
        if (name == null) {
            throw new java.io.IOException(path + " is a file system root, not a file");
        }
        return new LocalFile(path.toAbsolutePath().toString(), name.toString(), java.nio.file.Files.size(path));
    }
}
