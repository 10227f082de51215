package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void formatsBinaryUnits() {
        assertThat(Sizes.bytes(0)).isEqualTo("0 B");
        assertThat(Sizes.bytes(1023)).isEqualTo("1023 B");
        assertThat(Sizes.bytes(1024)).isEqualTo("1 KiB");
        assertThat(Sizes.bytes(1536)).isEqualTo("1.50 KiB");
        assertThat(Sizes.bytes(5L * 1024 * 1024 * 1024 + 1)).isEqualTo("5 GiB");
        assertThat(Sizes.bytes(150L * 1024 * 1024)).isEqualTo("150 MiB");
    }

    @Test
    void formatsRatesAndDurations() {
        assertThat(Sizes.rate(10L * 1024 * 1024, 2000)).isEqualTo("5 MiB/s");
        assertThat(Sizes.rate(1, 0)).isEqualTo("-");
        assertThat(Sizes.duration(1234)).isEqualTo("1.2 s");
        assertThat(Sizes.duration(65_000)).isEqualTo("65 s");
        assertThat(Sizes.duration(600_000)).isEqualTo("10 min 0 s");
    }
}
