package io.jenkins.plugins.buildstash.upload;

import java.util.Arrays;
import java.util.List;

/** Reads options typed as text in job forms (after {@code ${VAR}} expansion) into typed values. */
public final class TextInputs {

    private TextInputs() {}

    /** The text without surrounding white space, or null when there is none: a blank form field means "unset". */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * How long a text is as Buildstash counts it: in Unicode characters (code points, PHP's {@code mb_strlen}), so an
     * emoji counts once, not as the two UTF-16 units Java's {@code length()} sees.
     */
    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The text cut to at most {@code max} characters (code points, never half of one), ending in '…' when cut. */
    public static String shortened(String text, int max) {
        if (text == null || characters(text) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** "qa, nightly\nrc" → [qa, nightly, rc]: commas or line breaks separate entries. */
    public static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\r\\n]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * A version component typed as text: blank is unset (null), otherwise a whole number. Range checks are
     * {@link UploadValidator}'s.
     *
     * @throws InvalidUploadException naming the option, the value and, for an unexpanded variable, the variable
     */
    public static Integer wholeNumber(String option, String text) throws InvalidUploadException {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.matches("[+-]?\\d{1,9}")) {
            return Integer.valueOf(t);
        }
        if (t.contains("${")) {
            String name = t.substring(t.indexOf("${") + 2, t.contains("}") ? t.indexOf('}') : t.length());
            throw new InvalidUploadException(List.of(option + " '" + t + "' is not a whole number: the variable " + name
                    + " is not set in this build"));
        }
        throw new InvalidUploadException(List.of(option + " '" + t + "' is not a whole number from 0 to 9999"));
    }
}
