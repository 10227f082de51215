package io.jenkins.plugins.buildstash.jenkins.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.jexl.ExpressionFactory;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ${...}} in every Jelly view parses as JEXL 1.1, the expression language Jelly gives Jenkins views. A view
 * with an expression JEXL cannot parse (a property named after a keyword, such as {@code u.size}) is an HTTP 404 in
 * Jenkins; the hosting build's InjectedTest finds the same class of defect inside a real Jenkins.
 */
class JellyExpressionsTest {

    private static final Path VIEWS = Path.of("src/main/resources");

    @Test
    void everyExpressionInEveryViewParses() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> views = views();
        int expressions = 0;
        for (Path view : views) {
            for (String expression : expressions(Files.readString(view, StandardCharsets.UTF_8))) {
                expressions++;
                try {
                    ExpressionFactory.createExpression(expression);
                } catch (Exception e) {
                    problems.add(VIEWS.relativize(view) + ": ${" + expression + "}: " + e.getMessage());
                }
            }
        }
        assertThat(views).hasSizeGreaterThan(5);
        assertThat(expressions).isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    @Test
    void aKeywordUsedAsAPropertyIsCaught() {
        // The defect this test exists for: JEXL reads "size" as its size() function, so "u.size" does not parse.
        assertThat(parses("u.sizeBytes")).isTrue();
        assertThat(parses("u.size")).isFalse();
        assertThat(expressions("<td data=\"${u.size}\">${a &gt; b}</td>")).containsExactly("u.size", "a > b");
    }

    private static boolean parses(String expression) {
        try {
            ExpressionFactory.createExpression(expression);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<Path> views() throws IOException {
        try (Stream<Path> files = Files.walk(VIEWS)) {
            return files.filter(f -> f.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    /** The text of each {@code ${...}}, with the XML escapes a Jelly file needs undone. */
    static List<String> expressions(String jelly) {
        String text = jelly.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
        List<String> found = new ArrayList<>();
        int start = text.indexOf("${");
        while (start >= 0) {
            int depth = 0;
            int end = start + 2;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                }
            }
            found.add(text.substring(start + 2, end));
            start = text.indexOf("${", end);
        }
        return found;
    }
}
