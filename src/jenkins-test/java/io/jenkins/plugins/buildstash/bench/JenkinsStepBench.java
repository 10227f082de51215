package io.jenkins.plugins.buildstash.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import hudson.model.Label;
import hudson.remoting.Channel;
import hudson.slaves.DumbSlave;
import hudson.slaves.RetentionStrategy;
import hudson.util.Secret;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.actions.UploadRecord;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.upload.FileReceipt;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The upload benchmark's "jenkins" scenario (docs/performance.md): {@code buildstashUpload} in a real Jenkins (the
 * test harness's controller in this JVM, agents in JVMs of their own) against an emulator in yet another JVM, which
 * {@code bench/run.sh} starts. Not part of any test run: surefire's default includes skip {@code *Bench}; run it with
 * {@code -Dtest=JenkinsStepBench}. It appends JSON lines to the results file for {@code BenchReport}, and fails
 * (rather than measure) when an upload does not succeed.
 *
 * <p>Settings, from the environment: {@code BENCH_RESULTS} (the JSON-lines file), {@code BENCH_FIXTURE_10MIB} and
 * {@code BENCH_FIXTURE_1GIB} (the files to upload), {@code BENCH_RUNS} (warm runs per size, 5),
 * {@code BENCH_JENKINS_BATCHES} (measured batches of 16 per kind, 3), and the emulator's {@code BUILDSTASH_BASE_URL}
 * and {@code BUILDSTASH_APPLICATION_KEY} as {@code EmulatorMain} prints them.
 */
@WithJenkins
class JenkinsStepBench {

    private static final String CREDENTIALS_ID = "bench-key";
    private static final int AGENTS = 4;
    private static final int EXECUTORS_PER_AGENT = 4;
    private static final int BRANCHES = 16;
    private static final Pattern STEP_NANOS = Pattern.compile("(?m)^STEP_NANOS=(\\d+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path results = Path.of(required("BENCH_RESULTS"));
    private final int warmRuns = Integer.parseInt(setting("BENCH_RUNS", "5"));
    private final int batches = Integer.parseInt(setting("BENCH_JENKINS_BATCHES", "3"));

    /**
     * The step's own overhead: on one agent, the wall time of {@code buildstashUpload} of 10 MiB and of 1 GiB as the
     * Pipeline sees it, against the engine's transfer time as the engine reports it, first run and warm runs.
     */
    @Test
    void stepOverhead(JenkinsRule r) throws Exception {
        configure(r);
        r.jenkins.setNumExecutors(0); // the workspace, and so the transfer, is on the agent
        DumbSlave agent = r.createOnlineSlave(Label.get("bench"));
        RemoteCallTimes calls = new RemoteCallTimes();
        ((Channel) agent.getChannel()).addListener(calls);
        writeInfo(r, "step");

        List<Size> sizes = List.of(new Size("app-10MiB.apk", Path.of(required("BENCH_FIXTURE_10MIB"))),
                new Size("app-1GiB.apk", Path.of(required("BENCH_FIXTURE_1GIB"))));
        List<WorkflowJob> jobs = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            Size size = sizes.get(i);
            WorkflowJob job = r.createProject(WorkflowJob.class, "step-" + i);
            // Not sandboxed: the script reads System.nanoTime around the step, which the sandbox refuses.
            job.setDefinition(new CpsFlowDefinition("node('bench') {\n"
                    + "  def t0 = System.nanoTime()\n"
                    + "  def result = buildstashUpload file: '" + size.name() + "', credentialsId: '" + CREDENTIALS_ID
                    + "', platform: 'android', stream: 'beta', versionMajor: 10, versionMinor: " + i
                    + ", versionPatch: currentBuild.number\n"
                    + "  def t1 = System.nanoTime()\n"
                    + "  echo \"STEP_NANOS=${t1 - t0}\"\n"
                    + "  echo \"BUILD_ID=${result.buildId}\"\n"
                    + "}\n", false));
            // The agent runs on this machine, so its workspace is a local directory: place the fixture there once.
            place(size.fixture(), Path.of(agent.getWorkspaceFor(job).getRemote()).resolve(size.name()));
            jobs.add(job);
        }
        // First runs in a new Jenkins: the 10 MiB one also loads the engine's classes into the agent and learns the
        // key's kind (2 more API calls); the 1 GiB one is then the first of its job. After that, warm runs alternate.
        for (int i = 0; i < sizes.size(); i++) {
            stepRun(r, calls, jobs.get(i), sizes.get(i), "cold", 0);
        }
        for (int run = 1; run <= warmRuns; run++) {
            for (int i = 0; i < sizes.size(); i++) {
                stepRun(r, calls, jobs.get(i), sizes.get(i), "warm", run);
            }
        }
    }

    private void stepRun(JenkinsRule r, RemoteCallTimes calls, WorkflowJob job, Size size, String phase, int run)
            throws Exception {
        calls.drain();
        WorkflowRun build = r.buildAndAssertSuccess(job);
        UploadRecord upload = onlyUpload(build);
        assertThat(upload.getSizeBytes()).as("bytes uploaded by %s", build).isEqualTo(Files.size(size.fixture()));
        Matcher m = STEP_NANOS.matcher(JenkinsRule.getLog(build));
        assertThat(m.find()).as("the step's time in the log of %s", build).isTrue();
        double stepMillis = Long.parseLong(m.group(1)) / 1e6;
        // Remoting tells listeners of an answer just after it hands it to the waiting step: wait for both calls.
        long deadline = System.currentTimeMillis() + 10_000;
        while (calls.pending() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        List<RemoteCallTimes.Call> answered = calls.drain();
        RemoteCallTimes.Call resolve = answered.stream().filter(RemoteCallTimes::isResolve).findFirst()
                .orElseThrow(() -> new AssertionError("no file resolution call seen for " + build));
        RemoteCallTimes.Call transfer = answered.stream().filter(RemoteCallTimes::isTransfer).findFirst()
                .orElseThrow(() -> new AssertionError("no transfer call seen for " + build));
        assertThat(transfer.receipt()).as("the engine's receipt for %s", build).isNotNull();
        FileReceipt receipt = transfer.receipt().files().get(0);
        assertThat(receipt.bytes()).isEqualTo(upload.getSizeBytes());
        assertThat(receipt.retries()).as("retries in %s", build).isZero();

        ObjectNode line = JSON.createObjectNode().put("type", "jenkins_step")
                .put("file", size.name())
                .put("bytes", receipt.bytes())
                .put("phase", phase)
                .put("run", run)
                .put("ok", true)
                .put("build_id", upload.getBuildId())
                .put("step_ms", stepMillis)
                .put("transfer_ms", receipt.elapsedMillis())
                .put("transfer_call_ms", transfer.roundTripNanos() / 1e6)
                .put("resolve_call_ms", resolve.roundTripNanos() / 1e6);
        write(line);
        System.out.printf("jenkins step %s %s #%d: step %.1f ms, engine transfer %d ms, overhead %.1f ms%n",
                size.name(), phase, run, stepMillis, receipt.elapsedMillis(), stepMillis - receipt.elapsedMillis());
    }

    /**
     * 16 uploads at once from 4 agents: one Pipeline of 16 parallel branches, 4 on each agent, each uploading 10 MiB
     * from a workspace of its own; and the same Pipeline without the upload, so that what Jenkins itself spends on
     * the branches can be taken off. The controller's CPU is this JVM's process CPU time over each batch.
     */
    @Test
    void sixteenUploadsFromFourAgents(JenkinsRule r) throws Exception {
        configure(r);
        r.jenkins.setNumExecutors(0);
        Path fixture = Path.of(required("BENCH_FIXTURE_10MIB"));
        List<String> branchWorkspaces = new ArrayList<>();
        List<String> branchLabels = new ArrayList<>();
        List<DumbSlave> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            // createOnlineSlave gives one executor; this agent needs four (one per branch sent to it).
            DumbSlave agent = new DumbSlave("bench-agent-" + a,
                    Files.createTempDirectory("bench-agent-" + a).toString(), r.createComputerLauncher(null));
            agent.setNumExecutors(EXECUTORS_PER_AGENT);
            agent.setLabelString("bench-" + a);
            agent.setRetentionStrategy(RetentionStrategy.NOOP);
            r.jenkins.addNode(agent);
            r.waitOnline(agent);
            agents.add(agent);
        }
        for (int b = 0; b < BRANCHES; b++) {
            DumbSlave agent = agents.get(b % AGENTS);
            Path workspace = Path.of(agent.getRemoteFS(), "bench-ws", "branch-" + b);
            place(fixture, workspace.resolve("app.apk"));
            branchWorkspaces.add(workspace.toString());
            branchLabels.add(agent.getLabelString());
        }
        writeInfo(r, "batch");
        WorkflowJob uploads = r.createProject(WorkflowJob.class, "sixteen-uploads");
        uploads.setDefinition(new CpsFlowDefinition(parallelScript(branchLabels, branchWorkspaces,
                "def result = buildstashUpload file: 'app.apk', credentialsId: '" + CREDENTIALS_ID + "',"
                        + " platform: 'android', stream: 'beta', versionMajor: 20, versionMinor: n,"
                        + " versionPatch: currentBuild.number\n"
                        + "echo \"UPLOADED=${result.buildId}\""), true));
        WorkflowJob noUploads = r.createProject(WorkflowJob.class, "sixteen-branches-no-upload");
        noUploads.setDefinition(new CpsFlowDefinition(parallelScript(branchLabels, branchWorkspaces,
                "echo \"branch ${n}: no upload\""), true));

        // Warm-up: one batch of each (the engine's classes reach the agents, the key's kind is learned, the JIT).
        batch(r, uploads, true, "warmup");
        batch(r, noUploads, false, "warmup");
        for (int i = 0; i < batches; i++) {
            batch(r, uploads, true, "run");
            batch(r, noUploads, false, "run");
        }
    }

    /** 16 branches, branch {@code n} on its agent in its own workspace, running {@code body} there. */
    private static String parallelScript(List<String> labels, List<String> workspaces, String body) {
        StringBuilder script = new StringBuilder("def places = [\n");
        for (int b = 0; b < labels.size(); b++) {
            script.append("  ['").append(labels.get(b)).append("', '").append(workspaces.get(b)).append("'],\n");
        }
        script.append("]\n"
                + "def branches = [:]\n"
                + "for (int i = 0; i < places.size(); i++) {\n"
                + "  def n = i\n"
                + "  branches[\"branch-${n}\"] = {\n"
                + "    node(places[n][0]) {\n"
                + "      ws(places[n][1]) {\n"
                + "        " + body.replace("\n", "\n        ") + "\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}\n"
                + "parallel branches\n");
        return script.toString();
    }

    private void batch(JenkinsRule r, WorkflowJob job, boolean uploading, String phase) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        r.waitUntilNoActivity();
        Thread.sleep(3_000); // let the previous batch's idle threads end, so "before" is an idle controller
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        WorkflowRun build = r.buildAndAssertSuccess(job);
        long wallNanos = System.nanoTime() - wallBefore;
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        int peakThreads = threads.getPeakThreadCount();
        int succeeded = 0;
        if (uploading) {
            BuildstashRunAction action = build.getAction(BuildstashRunAction.class);
            assertThat(action).as("uploads recorded on %s", build).isNotNull();
            List<UploadRecord> records = action.getUploads();
            Set<String> buildIds = new HashSet<>();
            for (UploadRecord u : records) {
                assertThat(u.getSizeBytes()).isEqualTo(10L * 1024 * 1024);
                buildIds.add(u.getBuildId());
            }
            assertThat(buildIds).as("distinct Buildstash builds made by %s", build).hasSize(BRANCHES);
            succeeded = buildIds.size();
        }
        Thread.sleep(5_000);
        int threadsAfter = threads.getThreadCount();
        ObjectNode line = JSON.createObjectNode().put("type", "jenkins_batch")
                .put("kind", uploading ? "upload" : "no-upload")
                .put("phase", phase)
                .put("branches", BRANCHES)
                .put("agents", AGENTS)
                .put("uploads_succeeded", succeeded)
                .put("cpu_ms", cpuNanos / 1e6)
                .put("wall_seconds", wallNanos / 1e9)
                .put("threads_before", threadsBefore)
                .put("peak_threads", peakThreads)
                .put("threads_after", threadsAfter);
        write(line);
        System.out.printf("jenkins batch %s %s: controller CPU %.0f ms, wall %.2f s, threads %d -> peak %d -> %d%n",
                uploading ? "upload" : "no-upload", phase, cpuNanos / 1e6, wallNanos / 1e9, threadsBefore,
                peakThreads, threadsAfter);
    }

    // ---- set-up --------------------------------------------------------------------------------------------------

    /** Points the plugin at the emulator bench/run.sh started and stores its application key as a credential. */
    private static void configure(JenkinsRule r) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                CREDENTIALS_ID, "Buildstash application key", Secret.fromString(required("BUILDSTASH_APPLICATION_KEY"))));
        SystemCredentialsProvider.getInstance().save();
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        config.setBaseUrl(required("BUILDSTASH_BASE_URL"));
        config.save();
    }

    private void writeInfo(JenkinsRule r, String part) throws IOException {
        write(JSON.createObjectNode().put("type", "jenkins_info")
                .put("part", part)
                .put("jenkins_version", Jenkins.VERSION)
                .put("controller_jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                        .stream().filter(a -> a.startsWith("-X")).toList()))
                .put("agent_jvms", r.jenkins.getNodes().size()));
    }

    private static UploadRecord onlyUpload(WorkflowRun build) {
        BuildstashRunAction action = build.getAction(BuildstashRunAction.class);
        assertThat(action).as("uploads recorded on %s", build).isNotNull();
        assertThat(action.getUploads()).as("uploads recorded on %s", build).hasSize(1);
        return action.getUploads().get(0);
    }

    /** A hard link when the fixture and the agent's directory share a file system, else a copy. */
    private static void place(Path fixture, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, fixture);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(fixture, target);
        }
    }

    private synchronized void write(ObjectNode line) throws IOException {
        Files.writeString(results, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this through bench/run.sh (BENCH_ONLY=jenkins)");
        }
        return value;
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private record Size(String name, Path fixture) {}
}
