package io.jenkins.plugins.buildstash.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Seed;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.lifecycle.LifecycleFixture;
import java.io.IOException;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The fault soak inside Jenkins: uploads from Pipelines on 4 agents against the emulator under the transient fault
 * mix of {@link FaultMix}, some builds stopped at a random moment, and one agent disconnected in the middle of an
 * upload (and reconnected). Not run by default (it takes minutes): the hosting build's surefire excludes this package,
 * and the test runs only with {@code -Dbuildstash.soak=true}:
 *
 * <pre>mvn -o -B -ntp -f pom-jenkins.xml verify -Dtest=JenkinsSoakTest -Dbuildstash.soak=true
 *     [-Dbuildstash.soak.uploads=100] [-Dbuildstash.soak.seed=1]</pre>
 *
 * It prints its figures as Markdown and fails when a stored build is corrupt, a build hung or failed with a stack
 * trace, a pending upload is left open, a plugin thread is left on the controller or an agent, or the key is in a file
 * under JENKINS_HOME or an agent's root.
 */
@WithJenkins
@EnabledIfSystemProperty(named = "buildstash.soak", matches = "true")
class JenkinsSoakTest {

    private static final long MIB = LifecycleFixture.MIB;
    private static final int UPLOADS = Integer.getInteger("buildstash.soak.uploads", 100);
    private static final long SEED = Long.getLong("buildstash.soak.seed", 1);
    private static final int AGENTS = 4;
    private static final double STOPPED = 0.1;
    private static final String CREDENTIALS_ID = LifecycleFixture.CREDENTIALS_ID;

    private final Map<String, AtomicInteger> figures = new ConcurrentHashMap<>();
    private final Set<String> writtenShas = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> reasons = new ConcurrentHashMap<>();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void soak(JenkinsRule r) throws Exception {
        long started = System.nanoTime();
        try (BuildstashEmulator emulator = BuildstashEmulator.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(MIB - 1).withPartSizeMb(1).withRandomSeed(SEED))) {
            Seed seed = emulator.seedDefaults();
            LifecycleFixture.configure(r, emulator, seed.applicationKey());
            List<FaultMix.Scripted> rules = new FaultMix(1.0, Duration.ofSeconds(5), Duration.ofSeconds(10))
                    .install(emulator.faults());

            List<DumbSlave> agents = new ArrayList<>();
            List<WorkflowJob> jobs = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("soak-" + i));
                WorkflowJob job = r.createProject(WorkflowJob.class, "soak-" + i);
                job.setDefinition(new CpsFlowDefinition("node('soak-" + i + "') {\n"
                        + "  buildstashUpload file: 'soak.bin', credentialsId: '" + CREDENTIALS_ID + "',"
                        + " platform: 'android', stream: 'beta', versionMajor: 1, versionMinor: 0,"
                        + " versionPatch: currentBuild.number, partConcurrency: " + (1 + i) + "\n"
                        + "}\n", true));
                agents.add(agent);
                jobs.add(job);
            }

            ExecutorService lanes = Executors.newFixedThreadPool(AGENTS);
            AtomicBoolean disconnected = new AtomicBoolean();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                int lane = i;
                running.add(lanes.submit(() -> {
                    lane(r, emulator, agents.get(lane), jobs.get(lane), lane, disconnected);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(2, TimeUnit.HOURS);
            }
            lanes.shutdown();

            // Every stored build holds bytes of a file we wrote, exactly.
            for (StoredBuild b : emulator.storedBuilds()) {
                if (!writtenShas.contains(b.primary().sha256())) {
                    count("corrupt builds on the emulator");
                    problems.add("build " + b.id() + " holds bytes no upload sent");
                }
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (!emulator.pendingUploads().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            int open = emulator.pendingUploads().size();
            List<String> controllerThreads = LifecycleFixture.awaitNoPluginThreads(null, 15_000);
            List<String> agentThreads = new ArrayList<>();
            for (DumbSlave agent : agents) {
                agentThreads.addAll(LifecycleFixture.awaitNoPluginThreads(agent.getChannel(), 15_000));
            }
            List<String> keyFiles = new ArrayList<>(LifecycleFixture.filesContaining(r.jenkins.getRootDir(), seed.applicationKey()));
            for (DumbSlave agent : agents) {
                for (String f : LifecycleFixture.filesContaining(new File(agent.getRemoteFS()), seed.applicationKey())) {
                    keyFiles.add(agent.getNodeName() + ":" + f);
                }
            }
            int faults = rules.stream().mapToInt(s -> s.rule().fired()).sum();

            StringBuilder out = new StringBuilder("\n| figure (Jenkins soak, " + UPLOADS + " uploads, seed " + SEED
                    + ", " + AGENTS + " agents) | value |\n| --- | --- |\n");
            for (String f : List.of("completed byte-identical", "failed cleanly", "failed on the lost agent",
                    "stops requested (a build already over is not stopped)", "stopped before the upload began", "stopped by the user", "stopped after Buildstash created the build", "failed unclearly (must be 0)",
                    "hung (must be 0)", "corrupt builds on the emulator")) {
                out.append("| ").append(f).append(" | ").append(figures.getOrDefault(f, new AtomicInteger()).get())
                        .append(" |\n");
            }
            out.append("| builds stored on the emulator | ").append(emulator.storedBuilds().size()).append(" |\n");
            out.append("| pending uploads aborted | ").append(emulator.abortedUploadIds().size()).append(" |\n");
            out.append("| pending uploads left open (must be 0) | ").append(open).append(" |\n");
            out.append("| plugin threads left on the controller (must be 0) | ").append(controllerThreads.size()).append(" |\n");
            out.append("| plugin threads left on the agents (must be 0) | ").append(agentThreads.size()).append(" |\n");
            out.append("| files under JENKINS_HOME or an agent root holding the key (must be 0) | ")
                    .append(keyFiles.size()).append(" |\n");
            out.append("| transient faults injected | ").append(faults).append(" |\n");
            out.append("| wall time | ").append((System.nanoTime() - started) / 1_000_000_000L).append(" s |\n");
            out.append("\nWhy the builds that failed cleanly failed:\n\n| last error line (ids and numbers masked) | builds |\n"
                    + "| --- | --- |\n");
            reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> out.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ").append(e.getValue())
                            .append(" |\n"));
            System.out.println(out);
            problems.forEach(p -> System.out.println("problem: " + p));

            assertThat(figures.getOrDefault("corrupt builds on the emulator", new AtomicInteger()).get()).isZero();
            assertThat(figures.getOrDefault("failed unclearly (must be 0)", new AtomicInteger()).get()).isZero();
            assertThat(figures.getOrDefault("hung (must be 0)", new AtomicInteger()).get()).isZero();
            assertThat(open).as("pending uploads left open").isZero();
            assertThat(controllerThreads).as("plugin threads on the controller").isEmpty();
            assertThat(agentThreads).as("plugin threads on the agents").isEmpty();
            assertThat(keyFiles).as("files holding the key").isEmpty();
            assertThat(figures.getOrDefault("completed byte-identical", new AtomicInteger()).get()).isPositive();
            assertThat(disconnected).isTrue();
            assertThat(figures.getOrDefault("failed on the lost agent", new AtomicInteger()).get())
                    .as("the upload cut short by the disconnected agent").isEqualTo(1);
        }
    }

    /** One agent's uploads, one after the other; lane 3 loses its agent in the middle of one, halfway through. */
    private void lane(JenkinsRule r, BuildstashEmulator emulator, DumbSlave agent, WorkflowJob job, int lane,
            AtomicBoolean disconnected)
            throws Exception {
        Random random = new Random(SEED * 31 + lane);
        int count = UPLOADS / AGENTS + (lane < UPLOADS % AGENTS ? 1 : 0);
        for (int k = 0; k < count; k++) {
            boolean loseAgent = lane == AGENTS - 1 && k == count / 2;
            long size = loseAgent ? 64 * MIB : random.nextInt(5) < 2
                    ? 1 + (long) Math.pow(2, random.nextDouble() * 20) // single part: 1 byte to 1 MiB
                    : MIB + random.nextInt((int) (3 * MIB)); // multipart, up to 4 MiB
            long content = random.nextLong();
            String sha = LifecycleFixture.writeFile(agent, job, "soak.bin", size, content);
            // Jenkins hands a build soak-N@2 (or @3) while the workspace lease of an earlier build on that agent
            // lingers (after a stop or the lost agent); the same file waits there too.
            for (String suffix : List.of("@2", "@3")) {
                agent.getWorkspaceFor(job).getParent().child(job.getName() + suffix).child("soak.bin")
                        .copyFrom(agent.getWorkspaceFor(job).child("soak.bin"));
            }
            writtenShas.add(sha);
            boolean stop = !loseAgent && random.nextDouble() < STOPPED;
            long delay = 200 + random.nextInt(3000);
            WorkflowRun b = job.scheduleBuild2(0).waitForStart();
            if (loseAgent) {
                // Mid-upload: once the step has announced it, while its parts are under way.
                long until = System.currentTimeMillis() + 120_000;
                while (!logSoFar(b).contains("Uploading soak.bin") && b.isBuilding() && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(300));
                r.disconnectSlave(agent);
                disconnected.set(true);
            } else if (stop) {
                Thread.sleep(delay);
                count("stops requested (a build already over is not stopped)");
                b.doStop();
            }
            long deadline = System.currentTimeMillis() + 300_000;
            while (b.isBuilding() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            if (b.isBuilding()) {
                count("hung (must be 0)");
                problems.add(b.getFullDisplayName() + " still running after 300 s");
                b.doKill();
                r.waitForCompletion(b);
            }
            classify(b, sha, loseAgent, emulator);
            if (loseAgent) {
                agent.toComputer().connect(false).get(60, TimeUnit.SECONDS);
                r.waitOnline(agent);
            }
        }
    }

    private void classify(WorkflowRun b, String sha, boolean agentLost, BuildstashEmulator emulator) throws IOException {
        String log = b.getLog();
        Result result = b.getResult();
        BuildstashRunAction action = b.getAction(BuildstashRunAction.class);
        if (result == Result.SUCCESS) {
            String stored = action == null || action.getUploads().isEmpty() ? null
                    : emulator.storedBuild(action.getUploads().get(0).getBuildId()).map(s -> s.primary().sha256()).orElse(null);
            if (sha.equals(stored)) {
                count("completed byte-identical");
            } else {
                count("corrupt builds on the emulator");
                problems.add(b.getFullDisplayName() + " succeeded but Buildstash holds " + stored + ", not " + sha);
            }
            return;
        }
        if (log.contains("\tat ")) {
            count("failed unclearly (must be 0)");
            problems.add(b.getFullDisplayName() + " (" + result + ") shows a stack trace:\n" + log);
            return;
        }
        if (result == Result.ABORTED && !log.contains("Uploading soak.bin")) {
            count("stopped before the upload began");
        } else if (result == Result.ABORTED && !log.contains("Stopped uploading soak.bin")
                && !log.contains("Stopped the Buildstash upload: the build was interrupted")) {
            count("failed unclearly (must be 0)");
            problems.add(b.getFullDisplayName() + " was stopped without saying what it stopped:\n" + log);
        } else if (result == Result.ABORTED) {
            count(action != null ? "stopped after Buildstash created the build" : "stopped by the user");
        } else if (agentLost) {
            count("failed on the lost agent");
        } else {
            count("failed cleanly");
            String reason = log.lines().filter(l -> l.startsWith("ERROR: ")).reduce((a, z) -> z).orElse("(no ERROR line)")
                    .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}").replaceAll("\\d+", "N")
                    .replaceAll("127\\.0\\.0\\.N:N", "{host}");
            reasons.merge(reason, 1, Integer::sum);
        }
    }

    /** The build's log so far; empty until the build has written its first line. */
    private static String logSoFar(WorkflowRun b) {
        try {
            return b.getLog();
        } catch (IOException notYet) {
            return "";
        }
    }

    private void count(String figure) {
        figures.computeIfAbsent(figure, f -> new AtomicInteger()).incrementAndGet();
    }
}
