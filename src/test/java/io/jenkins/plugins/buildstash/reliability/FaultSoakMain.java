package io.jenkins.plugins.buildstash.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The long soak, from the command line (docs/reliability.md):
 *
 * <pre>
 * mvn -B -ntp -q test-compile exec:java@soak -Dexec.args="--uploads 200 --seed 1"
 * </pre>
 *
 * Options: {@code --uploads N} (200), {@code --seed S} (1), {@code --intensity X} (1: the documented fault mix),
 * {@code --outages P} (0.15 of the uploads), {@code --max-mib M} (4). Prints the figures as Markdown and fails when an
 * upload was corrupt, hung, failed unclearly, or left a pending upload or a thread behind.
 */
public final class FaultSoakMain {

    private FaultSoakMain() {}

    public static void main(String[] args) throws Exception {
        FaultSoak.Config config = FaultSoak.Config.of(200, 1);
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--uploads" -> config = new FaultSoak.Config(Integer.parseInt(need(args[i], value)), config.seed(),
                        config.intensity(), config.outageRate(), config.maxBytes(), config.apiTimeout(),
                        config.stallTimeout(), config.uploadDeadline());
                case "--seed" -> config = new FaultSoak.Config(config.uploads(), Long.parseLong(need(args[i], value)),
                        config.intensity(), config.outageRate(), config.maxBytes(), config.apiTimeout(),
                        config.stallTimeout(), config.uploadDeadline());
                case "--intensity" -> config = config.withIntensity(Double.parseDouble(need(args[i], value)));
                case "--outages" -> config = config.withOutageRate(Double.parseDouble(need(args[i], value)));
                case "--max-mib" -> config = config.withMaxBytes(Long.parseLong(need(args[i], value)) << 20);
                case "--quiet" -> {
                    quiet = true;
                    i--;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --uploads N --seed S --intensity X --outages P --max-mib M --quiet");
            }
            i++;
        }
        Path dir = Files.createTempDirectory("buildstash-soak");
        boolean verbose = !quiet;
        SoakReport report;
        try {
            report = FaultSoak.run(config, dir, line -> {
                if (verbose) {
                    System.out.println(line);
                }
            });
        } finally {
            Files.deleteIfExists(dir);
        }
        System.out.println();
        System.out.println("Run " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE) + " on "
                + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        System.out.println();
        System.out.print(report.table());
        if (!report.problems().isEmpty() || report.orphaned() > 0) {
            throw new IllegalStateException("The soak found problems: " + report.problems());
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
