package io.jenkins.plugins.buildstash.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The global configuration form, read as configure() reads it: all of it checked before anything is kept. */
class SettingsFormTest {

    private static Map<String, String> submitted(String... pairs) {
        Map<String, String> form = new HashMap<>(Map.of("baseUrl", "", "credentialsId", "", "partConcurrency", "",
                "retryAttempts", "", "connectTimeoutSeconds", "", "requestTimeoutSeconds", "", "stallTimeoutSeconds", ""));
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    @Test
    void blankNumberFieldsMeanTheDefaultsNotZero() throws Exception {
        SettingsForm form = SettingsForm.read(submitted()::get);

        assertThat(form).isEqualTo(new SettingsForm(null, null, 8, null, 10, 60, 120));
    }

    @Test
    void goodValuesAreReadAndTheDefaultBaseUrlIsKeptAsTheDefault() throws Exception {
        SettingsForm form = SettingsForm.read(submitted("baseUrl", "https://app.buildstash.com/api/v1",
                "credentialsId", " bs-key ", "partConcurrency", "4", "retryAttempts", "7", "connectTimeoutSeconds", "5",
                "requestTimeoutSeconds", "90", "stallTimeoutSeconds", "600")::get);

        assertThat(form).isEqualTo(new SettingsForm(null, "bs-key", 4, 7, 5, 90, 600));
    }

    @Test
    void everyBadFieldIsNamedAndTheFirstIsTheOneTheFormShows() {
        SettingsForm.Refused refused = catchThrowableOfType(SettingsForm.Refused.class, () -> SettingsForm.read(
                submitted("baseUrl", "ftp://buildstash.example", "partConcurrency", "99", "stallTimeoutSeconds", "ten")::get));

        assertThat(refused.firstField()).isEqualTo("baseUrl");
        assertThat(refused.problems()).extracting(SettingsForm.Problem::field)
                .containsExactly("baseUrl", "partConcurrency", "stallTimeoutSeconds");
        assertThat(refused.getMessage())
                .startsWith("API base URL: ")
                .contains("Parts sent in parallel must be a whole number from 1 to 16, not '99'; leave it empty for"
                        + " the default (8)")
                .contains("Transfer stall timeout must be a whole number from 10 to 3600, not 'ten'");
    }

    @Test
    void aFieldTheFormDidNotSendKeepsItsDefault() throws Exception {
        assertThat(SettingsForm.read(field -> null).partConcurrency()).isEqualTo(8);
    }
}
