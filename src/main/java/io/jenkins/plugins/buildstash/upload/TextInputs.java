package io.jenkins.plugins.buildstash.upload;

import java.util.ArrayList;
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
     * Entries of a list option ({@code labels}, {@code architectures}) typed as text: commas or line breaks separate
     * them, and an entry that itself holds a comma or a line break is written in double quotes, with a quote inside it
     * doubled, as in CSV: {@code "qa, nightly", release} → [qa, nightly] and [release]. A quote never becomes part of
     * an entry by accident: one that opens no entry, or is never closed, is refused with what to write instead.
     *
     * @throws InvalidUploadException naming the option and the entry
     */
    public static List<String> entries(String option, String text) throws InvalidUploadException {
        List<String> entries = new ArrayList<>();
        if (text == null) {
            return entries;
        }
        int i = 0;
        int n = text.length();
        while (i <= n) {
            while (i < n && isBlank(text.charAt(i))) {
                i++;
            }
            StringBuilder entry = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                int open = i++;
                while (true) {
                    if (i >= n) {
                        throw quoting(option, "the quote that opens " + text.substring(open) + " is never closed");
                    }
                    char c = text.charAt(i++);
                    if (c != '"') {
                        entry.append(c);
                    } else if (i < n && text.charAt(i) == '"') {
                        entry.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < n && isBlank(text.charAt(i))) {
                    i++;
                }
                if (i < n && !isSeparator(text.charAt(i))) {
                    throw quoting(option, "after the quoted entry " + text.substring(open, i).strip() + " comes '"
                            + text.charAt(i) + "' instead of a comma");
                }
            } else {
                int start = i;
                while (i < n && !isSeparator(text.charAt(i))) {
                    i++;
                }
                String plain = text.substring(start, i).strip();
                if (plain.indexOf('"') >= 0) {
                    throw quoting(option, "the entry " + plain + " holds a quote but does not start with one");
                }
                entry.append(plain);
            }
            String value = entry.toString().strip();
            if (!value.isEmpty()) {
                entries.add(value);
            }
            i++; // past the separator, or past the end
        }
        return entries;
    }

    /**
     * A list option given either as text ({@link #entries}) or, in a Pipeline, as a list whose elements are taken as
     * they are (a comma or a quote inside one is part of it); not both.
     *
     * @param listOption the list form, e.g. {@code labelList} for {@code labels}
     */
    public static List<String> listOption(String option, String text, List<String> listOption)
            throws InvalidUploadException {
        if (listOption == null || listOption.isEmpty()) {
            return entries(option, text);
        }
        String listName = option.replaceAll("s$", "") + "List";
        if (text != null && !text.isBlank()) {
            throw new InvalidUploadException(List.of(option + " and " + listName + " are both set: give the entries in"
                    + " one of them"));
        }
        List<String> entries = new ArrayList<>();
        for (String element : listOption) {
            if (element != null && !element.isBlank()) {
                entries.add(element.strip());
            }
        }
        return entries;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == '\n' || c == '\r';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static InvalidUploadException quoting(String option, String what) {
        return new InvalidUploadException(List.of(option + ": " + what + ". Put an entry that holds a comma in double"
                + " quotes, such as \"qa, nightly\", and write a quote inside it twice (\"\")"));
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
