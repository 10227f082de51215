package io.jenkins.plugins.buildstash.files;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Ant-style pattern as Jenkins users write it for {@code archiveArtifacts}: relative to the workspace, {@code /} or
 * {@code \} as separators, {@code **} for zero or more directories, {@code *} and {@code ?} within one name, a trailing
 * separator meaning {@code /**}. Case-sensitive.
 *
 * <p>The pattern is split into its wildcard-free leading directories ({@link #prefix()}), where a scan starts, and the
 * remaining segments, matched one path name at a time so that a scan only descends where a match is still possible.
 */
final class AntPattern {

    /**
     * Version-control metadata that a wildcard never enters, as in Ant's default excludes (which
     * {@code archiveArtifacts} applies): {@code **}{@code /*.apk} must not crawl {@code .git}. A pattern that names
     * one of them literally still reaches it.
     */
    private static final Set<String> VCS_METADATA = Set.of(".git", ".svn", ".hg", ".bzr", "CVS", "SCCS");

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:.*");

    private final String text;
    private final List<String> prefix;
    private final List<Segment> rest;

    private AntPattern(String text, List<String> prefix, List<Segment> rest) {
        this.text = text;
        this.prefix = prefix;
        this.rest = rest;
    }

    /** Parses one pattern (no commas); {@code option} names the step option in messages. */
    static AntPattern parse(String text, String option) throws FileSelectionException {
        String pattern = text.strip();
        String normalised = pattern.replace('\\', '/');
        if (normalised.startsWith("/") || WINDOWS_DRIVE.matcher(normalised).matches()) {
            throw new FileSelectionException(option + " '" + pattern + "' is an absolute path; give a path relative to"
                    + " the workspace, such as 'build/outputs/**/*.apk': only files inside the workspace are uploaded");
        }
        if (normalised.endsWith("/")) {
            normalised += "**";
        }
        List<String> prefix = new ArrayList<>();
        List<Segment> rest = new ArrayList<>();
        for (String name : normalised.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                throw new FileSelectionException(option + " '" + pattern + "' contains '..'; patterns must stay inside"
                        + " the workspace: copy the file into the workspace and give its path from there");
            }
            Segment segment = Segment.of(name);
            if (rest.isEmpty() && segment.kind == Kind.LITERAL) {
                prefix.add(name);
            } else {
                rest.add(segment);
            }
        }
        return new AntPattern(pattern, List.copyOf(prefix), List.copyOf(rest));
    }

    /** The pattern as the user wrote it, trimmed. */
    String text() {
        return text;
    }

    /** The leading names without wildcards: the directory a scan starts from, or the whole path when plain. */
    List<String> prefix() {
        return prefix;
    }

    /** Whether the pattern names one path, without wildcards. */
    boolean isPlain() {
        return rest.isEmpty();
    }

    /** Where matching stands at the scan's start directory. */
    BitSet start() {
        BitSet start = new BitSet();
        start.set(0);
        return closure(start);
    }

    /** Where matching stands after entering a child called {@code name} of a directory whose state was {@code at}. */
    BitSet step(BitSet at, String name) {
        boolean wildcardsSkipIt = VCS_METADATA.contains(name);
        BitSet next = new BitSet();
        for (int i = at.nextSetBit(0); i >= 0 && i < rest.size(); i = at.nextSetBit(i + 1)) {
            Segment segment = rest.get(i);
            if (segment.kind == Kind.ANY_DIRECTORIES) {
                if (!wildcardsSkipIt) {
                    next.set(i);
                }
            } else if (segment.kind == Kind.LITERAL ? segment.literal.equals(name)
                    : !wildcardsSkipIt && segment.regex.matcher(name).matches()) {
                next.set(i + 1);
            }
        }
        return closure(next);
    }

    /** Whether a file reached in this state matches the whole pattern. */
    boolean matches(BitSet at) {
        return at.get(rest.size());
    }

    /** Whether something below a directory reached in this state could still match. */
    boolean worthDescending(BitSet at) {
        int first = at.nextSetBit(0);
        return first >= 0 && first < rest.size();
    }

    /** Adds the states reached by letting each {@code **} match no directory at all. */
    private BitSet closure(BitSet states) {
        for (int i = states.nextSetBit(0); i >= 0 && i < rest.size(); i = states.nextSetBit(i + 1)) {
            if (rest.get(i).kind == Kind.ANY_DIRECTORIES) {
                states.set(i + 1);
            }
        }
        return states;
    }

    private enum Kind {
        LITERAL,
        WILDCARD,
        ANY_DIRECTORIES
    }

    private static final class Segment {
        final Kind kind;
        final String literal;
        final Pattern regex;

        private Segment(Kind kind, String literal, Pattern regex) {
            this.kind = kind;
            this.literal = literal;
            this.regex = regex;
        }

        static Segment of(String name) {
            if (name.equals("**")) {
                return new Segment(Kind.ANY_DIRECTORIES, null, null);
            }
            if (name.indexOf('*') < 0 && name.indexOf('?') < 0) {
                return new Segment(Kind.LITERAL, name, null);
            }
            // Within a name, "**" is no different from "*" (Ant treats it the same way).
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : name.toCharArray()) {
                if (c == '*' || c == '?') {
                    if (literal.length() > 0) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(c == '*' ? ".*" : ".");
                } else {
                    literal.append(c);
                }
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
            }
            return new Segment(Kind.WILDCARD, null, Pattern.compile(regex.toString(), Pattern.DOTALL));
        }
    }
}
