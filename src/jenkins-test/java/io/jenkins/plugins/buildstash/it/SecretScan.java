package io.jenkins.plugins.buildstash.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Looks for API keys in every file under a directory, as bytes (so {@code program.dat}, {@code build.xml}, logs and
 * serialised forms are all covered). Skips only what a build cannot write: the exploded plugins and the war.
 */
final class SecretScan {

    /** Top-level directories of JENKINS_HOME that hold the plugins and core as installed, not anything a build wrote. */
    private static final Set<String> STATIC_DIRECTORIES = Set.of("plugins", "war");

    private SecretScan() {}

    /** One line per file that holds a secret, naming the file and which secret (by position, never its value). */
    static List<String> scan(Path root, List<String> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        List<byte[]> needles = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean skip = root.equals(dir.getParent()) && STATIC_DIRECTORIES.contains(dir.getFileName().toString());
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && !name.endsWith(".jar")) {
                    for (int i = 0; i < needles.size(); i++) {
                        if (contains(file, needles.get(i))) {
                            found.add(root.relativize(file) + " holds API key #" + (i + 1));
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A file removed while we walk (a finished build's program.dat, a rotated log) cannot leak any more.
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    /** Whether the text contains any of the secrets. */
    static boolean containsAny(String text, Collection<String> secrets) {
        return text != null && secrets.stream().anyMatch(text::contains);
    }

    /** Streams the file in 1 MiB blocks, keeping the needle's length minus one bytes of overlap between blocks. */
    static boolean contains(Path file, byte[] needle) throws IOException {
        byte[] buffer = new byte[(1 << 20) + needle.length];
        int kept = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer, kept, buffer.length - kept)) > 0; ) {
                int length = kept + n;
                if (indexOf(buffer, length, needle) >= 0) {
                    return true;
                }
                kept = Math.min(needle.length - 1, length);
                System.arraycopy(buffer, length - kept, buffer, 0, kept);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        return false;
    }

    static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
