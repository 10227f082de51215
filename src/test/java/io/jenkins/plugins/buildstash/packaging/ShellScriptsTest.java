package io.jenkins.plugins.buildstash.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's shell scripts ({@code .ci/run}, {@code bench/*.sh}) run under {@code set -o pipefail}. There a
 * command piped into a reader that stops early ({@code head}, {@code grep -q}, {@code grep -m}) may be killed by
 * SIGPIPE, or fail on its broken stdout, depending on timing: the pipeline then fails and {@code set -e} ends the
 * script. That happened to {@code mvn -version | head -1} in CI, one second into the run.
 */
class ShellScriptsTest {

    private static final Pattern EARLY_EXIT_READER =
            Pattern.compile("\\|\\s*(head\\b|grep\\s+(-\\w*[qm]\\w*\\b|--quiet|--max-count))");

    @Test
    void noPipelineOfAPipefailScriptEndsInAReaderThatStopsEarly() throws IOException {
        List<Path> scripts = scripts();
        assertThat(scripts).as("scripts found").extracting(Path::toString)
                .contains(Path.of(".ci", "run").toString(), Path.of("bench", "run.sh").toString());

        List<String> offending = new ArrayList<>();
        for (Path script : scripts) {
            List<String> lines = Files.readAllLines(script);
            if (lines.stream().noneMatch(line -> line.strip().startsWith("set ") && line.contains("pipefail"))) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceFirst("^\\s*#.*", "");
                if (EARLY_EXIT_READER.matcher(code).find()) {
                    offending.add(script + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(offending).as("pipelines that fail at random under pipefail (read the whole input instead,"
                + " for example with sed -n 1p)").isEmpty();
    }

    @Test
    void theCheckFindsThePipelineThatFailedInCi() {
        assertThat(EARLY_EXIT_READER.matcher("mvn -version 2>&1 | head -1").find()).isTrue();
        assertThat(EARLY_EXIT_READER.matcher("git log | grep -q fix").find()).isTrue();
        assertThat(EARLY_EXIT_READER.matcher("mvn -version 2>&1 | sed -n 1p").find()).isFalse();
        assertThat(EARLY_EXIT_READER.matcher("ls | grep -v tmp").find()).isFalse();
    }

    private static List<Path> scripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        scripts.add(Path.of(".ci", "run"));
        try (Stream<Path> bench = Files.list(Path.of("bench"))) {
            bench.filter(path -> path.toString().endsWith(".sh")).sorted().forEach(scripts::add);
        }
        return scripts;
    }
}
