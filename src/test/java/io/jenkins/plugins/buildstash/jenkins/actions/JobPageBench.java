package io.jenkins.plugins.buildstash.jenkins.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The job-page scenario of {@code bench/run.sh}: what {@link BuildstashJobActionFactory} costs per render of a job's
 * page, for synthetic jobs of 1, 100 and 1,000 builds whose newest upload is in their oldest build (the worst case of
 * the old walk over recent builds). It counts the builds a render loads and times the render right after a restart
 * (one small file read) and when warm. A real Jenkins is not involved: in one, each build loaded may read a build.xml.
 *
 * <p>Usage: {@code JobPageBench RESULTS}.
 */
public final class JobPageBench {

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path jobs = Files.createTempDirectory("buildstash-jobpage-");
        ObjectMapper json = new ObjectMapper();
        BuildstashJobActionFactory factory = new BuildstashJobActionFactory();
        for (int builds : new int[] {1, 100, 1000}) {
            SyntheticJob job = new SyntheticJob(jobs.resolve("job-" + builds).toFile(), builds);
            LatestUploads.record(job, new UploadRecord(new UploadResult("b1", false, "https://app.buildstash.com/builds/b1",
                    null, "android", "beta", "1.0.0", List.of(new UploadResult.UploadedFile("primary", "app.apk", 1, null)),
                    List.of(), List.of(), 1, 0), 1));
            List<Double> cold = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                LatestUploads.forgetAll();
                long start = System.nanoTime();
                check(factory.createFor(job).size());
                cold.add((System.nanoTime() - start) / 1e3);
            }
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                long start = System.nanoTime();
                check(factory.createFor(job).size());
                warm.add((System.nanoTime() - start) / 1e3);
            }
            String line = json.writeValueAsString(json.createObjectNode().put("type", "jobpage").put("builds", builds)
                    .put("builds_loaded_per_render", job.buildsLoaded.get() / (double) (cold.size() + warm.size()))
                    .put("first_render_after_restart_us", median(cold.subList(50, cold.size())))
                    .put("warm_render_us", median(warm.subList(5000, warm.size()))));
            Files.writeString(results, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("  job page, " + builds + " builds: " + line);
        }
    }

    private static void check(int links) {
        if (links != 1) {
            throw new IllegalStateException("expected the job page's link, got " + links + " actions");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
