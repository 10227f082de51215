package io.jenkins.plugins.buildstash.files;

/**
 * Matches one path name against one pattern name with {@code *} (any run of characters) and {@code ?} (exactly one),
 * case-sensitively, the way Ant's {@code SelectorUtils.match} does: over Java chars, so {@code ?} takes one UTF-16 unit
 * and an emoji outside the Basic Multilingual Plane takes {@code ??}. That is what {@code archiveArtifacts} selects.
 */
final class Glob {

    private Glob() {}

    static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starAt = p++;
                resumeAt = n;
            } else if (starAt >= 0) {
                p = starAt + 1;
                n = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
