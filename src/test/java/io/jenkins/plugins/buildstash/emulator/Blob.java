package io.jenkins.plugins.buildstash.emulator;

import java.nio.file.Path;

/**
 * One received body (a single PUT or one part): where its bytes are, how many there were and the ETag storage
 * answered with. {@code path} is null when the emulator keeps no bytes ({@code --no-store}).
 */
record Blob(Path path, long size, String etag) {}
