package io.jenkins.plugins.buildstash.files;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:.*");

    private final String text;
    private final List<String> prefix;
    private final List<Segment> rest;
    private final boolean dotName;

    private AntPattern(String text, List<String> prefix, List<Segment> rest, boolean dotName) {
        this.text = text;
        this.prefix = prefix;
        this.rest = rest;
        this.dotName = dotName;
    }

    /** Parses one pattern (no commas); {@code option} names the step option in messages. */
    static AntPattern parse(String text, String option) throws FileSelectionException {
        // trim(), not strip(): Jenkins trims each pattern so, and an ideographic space may begin a name.
        String pattern = text.trim();
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
        boolean dotName = false;
        for (String name : normalised.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(".")) {
                dotName = true;
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
        return new AntPattern(pattern, List.copyOf(prefix), List.copyOf(rest), dotName);
    }

    /**
     * Whether the pattern has a {@code .} name ({@code ./app.apk}): Ant compares it with real names, none of which is
     * {@code .}, so {@code archiveArtifacts} selects nothing with it, and neither does this.
     */
    boolean hasDotName() {
        return dotName;
    }

    /** Whether the pattern can match the path its prefix names, its remaining names all being {@code **}. */
    boolean matchesItsPrefix() {
        return !isPlain() && matches(start());
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
        BitSet next = new BitSet();
        for (int i = at.nextSetBit(0); i >= 0 && i < rest.size(); i = at.nextSetBit(i + 1)) {
            Segment segment = rest.get(i);
            if (segment.kind == Kind.ANY_DIRECTORIES) {
                next.set(i);
            } else if (segment.kind == Kind.LITERAL ? segment.text.equals(name) : Glob.matches(segment.text, name)) {
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
        /** The name, or the name with its {@code *} and {@code ?}. */
        final String text;

        private Segment(Kind kind, String text) {
            this.kind = kind;
            this.text = text;
        }

        static Segment of(String name) {
            if (name.equals("**")) {
                return new Segment(Kind.ANY_DIRECTORIES, name);
            }
            // Within a name, "**" is no different from "*" (Ant treats it the same way).
            boolean wildcard = name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
            return new Segment(wildcard ? Kind.WILDCARD : Kind.LITERAL, name);
        }
    }
}
