package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.api.model.Build;
import io.jenkins.plugins.buildstash.api.model.Label;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Labels and architectures typed as text: separators, quoting, and what reaches Buildstash. */
class ListEntriesTest {

    @TempDir
    Path dir;

    private static List<String> entries(String text) throws InvalidUploadException {
        return TextInputs.entries("labels", text);
    }

    @Test
    void commasAndLineBreaksSeparateEntriesAndBlanksAreDropped() throws Exception {
        assertThat(entries(" qa, nightly\nrc\r\n,, ")).containsExactly("qa", "nightly", "rc");
        assertThat(entries(null)).isEmpty();
        assertThat(entries("")).isEmpty();
    }

    @Test
    void aQuotedEntryKeepsItsCommasLineBreaksAndDoubledQuotes() throws Exception {
        assertThat(entries("\"qa, nightly\", release")).containsExactly("qa, nightly", "release");
        assertThat(entries("release, \"5\"\" screen\"")).containsExactly("release", "5\" screen");
        assertThat(entries("\"two\nlines\"  ,\"\"")).containsExactly("two\nlines");
        assertThat(entries("\"游戏, 🚀\"")).containsExactly("游戏, 🚀");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"qa, nightly| the quote that opens \"qa, nightly is never closed",
            "qa\"x\", release| the entry qa\"x\" holds a quote but does not start with one",
            "\"qa\" nightly| after the quoted entry \"qa\" comes 'n' instead of a comma"})
    void aQuoteThatWouldEndUpInALabelIsRefused(String text, String problem) {
        InvalidUploadException e = catchThrowableOfType(InvalidUploadException.class, () -> entries(text));
        assertThat(e.problems()).containsExactly("labels: " + problem + ". Put an entry that holds a comma in double"
                + " quotes, such as \"qa, nightly\", and write a quote inside it twice (\"\")");
    }

    @Test
    void aLabelHoldingACommaReachesBuildstashAsOneLabel() throws Exception {
        try (ApiFixture api = ApiFixture.start()) {
            UploadSpec spec = new UploadSpec(LocalFile.of(Files2.random(dir, "app.apk", 2000, 1)), null, List.of(),
                    UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0)
                            .labels(entries("\"qa, nightly\", release")).build(), null);

            UploadResult result = new Uploader(api.appClient(), new LocalFileSide(line -> {}, api.sleeper), line -> {})
                    .upload(spec);

            Build build = api.appClient().getBuild(api.seed.applicationId(), result.buildId());
            assertThat(build.labels()).extracting(Label::name).containsExactlyInAnyOrder("qa, nightly", "release");
        }
    }
}
