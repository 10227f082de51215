#!/usr/bin/env bash
# The upload benchmark (docs/performance.md): our engine and curl side by side against the emulator in its own JVM.
# Builds what it needs, makes deterministic fixtures in a temporary directory, runs the single-part, fixed-cost,
# shaped multipart, memory, overhead, controller-cost, job-page and in-a-real-Jenkins scenarios, prints the tables and
# rewrites the generated section of docs/performance.md.
#
#   bash bench/run.sh
#
# Settings (environment): BENCH_DIR (fixtures and results; default a new temporary directory, deleted at the end
# unless BENCH_KEEP=1), BENCH_RUNS (5), BENCH_WARMUPS (1), BENCH_SHAPED_MBPS (50), BENCH_SHAPED_LATENCY_MS (50),
# BENCH_QUIET_WAIT (seconds to wait for an idle machine before starting, 300), BENCH_DOC (docs/performance.md; set it
# empty to leave the doc alone), BENCH_ONLY (comma-separated scenarios to run, e.g. "single,fixed"; default all:
# single, fixed, memory, overhead, controller, jenkins, jobpage, shaped), BENCH_JENKINS_BATCHES (measured batches of
# 16 parallel uploads in the jenkins scenario, 3).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${BENCH_RUNS:-5}
WARMUPS=${BENCH_WARMUPS:-1}
MBPS=${BENCH_SHAPED_MBPS:-50}
LATENCY_MS=${BENCH_SHAPED_LATENCY_MS:-50}
QUIET_WAIT=${BENCH_QUIET_WAIT:-300}
DOC=${BENCH_DOC-docs/performance.md}
CLIENT_FLAGS="-Xmx256m -XX:+UseG1GC"
MEMORY_FLAGS="-Xmx64m -XX:+UseG1GC"
EMULATOR_FLAGS="-Xmx256m -XX:+UseG1GC"
STARTED=$(date +%s)
ONLY=${BENCH_ONLY:-}
wanted() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }

say() { printf '\n== %s\n' "$*"; }
fail() { echo "bench/run.sh: $*" >&2; exit 1; }

# ---- tools ------------------------------------------------------------------------------------------------------
need=(java mvn curl openssl jq awk dd head stat)
missing=()
for tool in "${need[@]}"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} with apt-get"
    declare -A pkg=([java]=openjdk-17-jdk-headless [mvn]=maven [awk]=gawk [dd]=coreutils [head]=coreutils [stat]=coreutils)
    apt-get update -qq
    apt-get install -y -qq $(for t in "${missing[@]}"; do echo "${pkg[$t]:-$t}"; done) >/dev/null
  else
    fail "missing tools: ${missing[*]}"
  fi
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
[ "${java_major%%.*}" -ge 17 ] || fail "needs JDK 17 or newer on the PATH, found $java_major"
[ -r /proc/self/status ] || fail "needs Linux /proc for peak RSS"
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  EMU_PIN=(taskset -c 0); CLIENT_PIN=(taskset -c 1)
  PINNING="emulator on CPU 0, clients (JVM and curl) on CPU 1 (taskset)"
else
  EMU_PIN=(); CLIENT_PIN=()
  PINNING="none (taskset missing or fewer than 2 CPUs)"
fi
# On a shared machine other jobs compete for both CPUs; as root, the benchmark's processes run ahead of them.
if [ "$(id -u)" = 0 ]; then
  EMU_PIN=(nice -n -10 "${EMU_PIN[@]}"); CLIENT_PIN=(nice -n -10 "${CLIENT_PIN[@]}")
  PINNING="$PINNING, at nice -10"
fi

# ---- work directory and cleanup ---------------------------------------------------------------------------------
if [ -n "${BENCH_DIR:-}" ]; then mkdir -p "$BENCH_DIR"; WORK=$(cd "$BENCH_DIR" && pwd); OWN_WORK=0
else WORK=$(mktemp -d "${TMPDIR:-/tmp}/buildstash-bench.XXXXXX"); OWN_WORK=1; fi
EMULATOR_PIDS=()
cleanup() {
  for pid in "${EMULATOR_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ "$OWN_WORK" = 1 ] && [ "${BENCH_KEEP:-0}" != 1 ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
RESULTS=$WORK/results.jsonl
FACTS=$WORK/facts.properties
: >"$RESULTS"
: >"$FACTS"
fact() { printf '%s=%s\n' "$1" "$2" >>"$FACTS"; }

# ---- build ------------------------------------------------------------------------------------------------------
say "building test classes and the class path (mvn)"
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench.classpath)"

# ---- fixtures ---------------------------------------------------------------------------------------------------
MIB=1048576
GIB=1073741824
free_kb=$(df -Pk "$WORK" | awk 'NR==2{print $4}')
[ "$free_kb" -gt $((7 * GIB / 1024)) ] || fail "needs 7 GiB free in $WORK for the fixtures"
fixture() { # NAME BYTES: random bytes from AES-CTR with a fixed seed, so every run sends the same content
  local file=$WORK/$1
  if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" != "$2" ]; then
    openssl enc -aes-128-ctr -nosalt -pass "pass:buildstash-bench-$1" -pbkdf2 -in /dev/zero 2>/dev/null |
      head -c "$2" >"$file"
  fi
  echo "$file"
}
say "making fixtures in $WORK"
F1K=$(fixture app-1KiB.apk 1024)
F10M=$(fixture app-10MiB.apk $((10 * MIB)))
F100M=$(fixture app-100MiB.apk $((100 * MIB)))
F1G=$(fixture app-1GiB.apk $GIB)
F5G1=$(fixture app-5GiB-plus-1.apk $((5 * GIB + 1)))
ls -l "$WORK"/*.apk

# ---- CPU accounting: how much CPU others used while we measured ---------------------------------------------------
busy_and_total() { awk '/^cpu /{b=$2+$3+$4+$7+$8+$9; print b, b+$5+$6}' /proc/stat; }
own_ticks() { # this shell and its reaped children, plus running emulators
  local t
  t=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
  for pid in "${EMULATOR_PIDS[@]}"; do
    [ -r /proc/$pid/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$pid/stat)))
  done
  echo "$t"
}
mark() { read -r MARK_BUSY MARK_TOTAL < <(busy_and_total); MARK_OWN=$(own_ticks); }
foreign_since_mark() { # percent of all CPUs used by other processes since the last mark
  local busy total own
  read -r busy total < <(busy_and_total)
  own=$(own_ticks)
  awk -v b=$((busy - MARK_BUSY)) -v t=$((total - MARK_TOTAL)) -v o=$((own - MARK_OWN)) \
    'BEGIN{f=(b-o)/t*100; if (f<0) f=0; printf "%.0f%%", f}'
}
wait_for_quiet() {
  local waited=0 busy total busy2 total2 pct
  while :; do
    read -r busy total < <(busy_and_total); sleep 3; read -r busy2 total2 < <(busy_and_total)
    pct=$(((busy2 - busy) * 100 / (total2 - total)))
    if [ "$pct" -le 10 ] || [ "$waited" -ge "$QUIET_WAIT" ]; then
      [ "$pct" -le 10 ] || echo "the machine is still ${pct}% busy after ${waited} s: measuring anyway (see 'other processes' in the report)"
      return
    fi
    echo "the machine is ${pct}% busy with other work: waiting for it to quiet down (${waited}/${QUIET_WAIT} s)"
    waited=$((waited + 3))
  done
}

# ---- emulators --------------------------------------------------------------------------------------------------
start_emulator() { # NAME ARGS...: starts EmulatorMain pinned, exports its BUILDSTASH_* variables
  local name=$1; shift
  local out=$WORK/emulator-$name.env
  "${EMU_PIN[@]}" java $EMULATOR_FLAGS -cp "$CP" io.jenkins.plugins.buildstash.emulator.EmulatorMain \
    --port 0 --no-samples "$@" >"$out" 2>"$WORK/emulator-$name.err" &
  EMULATOR_PIDS+=($!)
  for _ in $(seq 1 300); do
    grep -q '^BUILDSTASH_APPLICATION_KEY=' "$out" 2>/dev/null && break
    kill -0 "${EMULATOR_PIDS[-1]}" 2>/dev/null || fail "the emulator did not start: $(cat "$WORK/emulator-$name.err")"
    sleep 0.2
  done
  set -a; source "$out"; set +a
  echo "emulator '$name' ($*) at $BUILDSTASH_BASE_URL: $(head -1 "$out")"
}
stop_emulators() {
  for pid in "${EMULATOR_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  EMULATOR_PIDS=()
}
bench() { # SCENARIO ARGS...: the client side in its own JVM, pinned
  "${CLIENT_PIN[@]}" java $CLIENT_FLAGS -cp "$CP" io.jenkins.plugins.buildstash.bench.UploadBench "$@" --results "$RESULTS"
}

say "waiting for an idle machine"
wait_for_quiet
LOADS=()
load_now() { LOADS+=("$1 $(cut -d' ' -f1-3 /proc/loadavg)"); }
FOREIGN_SINGLE="not run"; FOREIGN_FIXED="not run"; FOREIGN_MEMORY="not run"; FOREIGN_CONTROLLER="not run"
FOREIGN_SHAPED="not run"; FOREIGN_JENKINS="not run"
JENKINS_BATCHES=${BENCH_JENKINS_BATCHES:-3}

# ---- single part, memory, overhead: one unshaped emulator -------------------------------------------------------
PLAIN_ARGS=(--etag cheap --no-store)
start_emulator plain "${PLAIN_ARGS[@]}"
if wanted single; then
say "warming up the emulator: 10 curl PUTs of 1 GiB (its JIT needs a few GB before it settles)"
bench warmup --file "$F1G" --count 10
say "single part: 10 MiB, 100 MiB and 1 GiB, ours / curl / curl -H Expect:, $WARMUPS warm-up(s) then $RUNS runs each"
load_now single
mark
bench single --files "$F10M,$F100M,$F1G" --runs "$RUNS" --warmups "$WARMUPS"
FOREIGN_SINGLE=$(foreign_since_mark)
fi

if wanted fixed; then
say "fixed cost per transfer: 1 KiB single PUTs, ours / the JDK client alone / curl, 30 runs each, then its parts"
load_now fixed
mark
bench fixed --file "$F1K" --runs 30
FOREIGN_FIXED=$(foreign_since_mark)
fi

if wanted memory; then
load_now memory
say "memory: 5 GiB + 1 byte in a JVM started with $MEMORY_FLAGS (default concurrency, then 16 parts in flight)"
mark
for concurrency in default 16; do
  extra=(); [ "$concurrency" = default ] || extra=(--concurrency "$concurrency")
  "${CLIENT_PIN[@]}" java $MEMORY_FLAGS -cp "$CP" io.jenkins.plugins.buildstash.bench.UploadBench memory \
    --file "$F5G1" "${extra[@]}" --results "$RESULTS" || echo "the memory run exited with $? (recorded as failed if it got that far)"
done
FOREIGN_MEMORY=$(foreign_since_mark)
fi

if wanted overhead; then
say "overhead: requests per upload of 10 MiB, 1 GiB and 5 GiB + 1 byte"
bench overhead --files "$F10M,$F1G,$F5G1"
fi

if wanted controller; then
say "controller cost: 1, 8, 32 and 64 uploads of 10 MiB at once, key side in one JVM, file sides in 4 agent JVMs"
load_now controller
mark
"${CLIENT_PIN[@]}" java -Xmx512m -XX:+UseG1GC -cp "$CP" io.jenkins.plugins.buildstash.bench.ControllerCostBench \
  --file "$F10M" --agents 4 --batches 1,8,32,64 --results "$RESULTS"
FOREIGN_CONTROLLER=$(foreign_since_mark)
fi

# ---- in a real Jenkins: the hosting build's test harness ---------------------------------------------------------
# The controller is the test harness's Jenkins in the surefire JVM, its agents JVMs of their own; the emulator stays
# in its own JVM (the one above), so the controller's CPU is Jenkins and the plugin only. The hosting build needs the
# plugin parent POM from the Jenkins Maven repository: where neither it nor the local repository has it, the scenario
# is recorded as not run, with the reason (the detection is .ci/run's).
jenkins_not_run() {
  echo "in a real Jenkins: NOT RUN: $1"
  jq -nc --arg reason "$1" '{type: "jenkins_not_run", reason: $reason}' >>"$RESULTS"
}
jenkins_scenario() {
  local version=3.9.16 hosting_mvn parent_version local_repo probe maven_args=()
  # The plugin parent POM's enforcer rules and maven-hpi-plugin need Maven 3.9.6 or newer; it comes from Maven Central.
  hosting_mvn=$ROOT/target/tools/apache-maven-$version/bin/mvn
  if [ ! -x "$hosting_mvn" ]; then
    mvn -B -ntp -q dependency:copy -Dartifact="org.apache.maven:apache-maven:$version:tar.gz:bin" \
      -DoutputDirectory="$ROOT/target/tools" >"$WORK/jenkins-maven-fetch.log" 2>&1 &&
      tar -xzf "$ROOT/target/tools/apache-maven-$version-bin.tar.gz" -C "$ROOT/target/tools" ||
      { jenkins_not_run "Maven $version (the hosting build needs 3.9.6 or newer) could not be fetched: $(tail -1 "$WORK/jenkins-maven-fetch.log")"; return; }
  fi
  parent_version=$(sed -n '/<parent>/,/<\/parent>/s|.*<version>\(.*\)</version>.*|\1|p' pom-jenkins.xml)
  local_repo=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
  [ -z "${MAVEN_REPO_LOCAL:-}" ] || maven_args=(-Dmaven.repo.local="$MAVEN_REPO_LOCAL")
  if [ -f "$local_repo/org/jenkins-ci/plugins/plugin/$parent_version/plugin-$parent_version.pom" ]; then
    maven_args+=(-o)
  elif ! probe=$("$hosting_mvn" "${maven_args[@]}" -B -ntp -q -f pom-jenkins.xml validate 2>&1); then
    if grep -q 'Non-resolvable parent POM' <<<"$probe"; then
      jenkins_not_run "the hosting build cannot run here: org.jenkins-ci.plugins:plugin:$parent_version cannot be resolved (no Jenkins Maven repository, and not in $local_repo)"
    else
      jenkins_not_run "the hosting build does not validate: $(grep -m1 ERROR <<<"$probe")"
    fi
    return
  fi
  local jenkins_pin=()
  [ "$(id -u)" = 0 ] && jenkins_pin=(nice -n -10)
  # -Dtest picks the bench (surefire's default includes skip *Bench); the parent POM's static checks are not needed
  # to run one class.
  if BENCH_RESULTS=$RESULTS BENCH_FIXTURE_10MIB=$F10M BENCH_FIXTURE_1GIB=$F1G BENCH_RUNS=$RUNS \
    BENCH_JENKINS_BATCHES=$JENKINS_BATCHES "${jenkins_pin[@]}" "$hosting_mvn" "${maven_args[@]}" -B -ntp \
    -f pom-jenkins.xml test -Dtest=JenkinsStepBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotbugs.skip -Denforcer.skip -Daccess-modifier-checker.skip -Djacoco.skip >"$WORK/jenkins-bench.log" 2>&1; then
    grep -a -E '^jenkins (step|batch) ' "$WORK/jenkins-bench.log" || true
  else
    grep -a -E '^jenkins (step|batch) |Tests run:|FAIL|ERROR' "$WORK/jenkins-bench.log" | sed -n 1,40p || true
    jenkins_not_run "JenkinsStepBench failed (an upload did not succeed, or Jenkins did not start): $(grep -a -m1 -E '^\[ERROR\] .*(Test|Bench)' "$WORK/jenkins-bench.log" || tail -1 "$WORK/jenkins-bench.log"); log kept in the work directory as jenkins-bench.log"
  fi
}
if wanted jenkins; then
say "in a real Jenkins: the step's own overhead (10 MiB and 1 GiB on an agent, 1 first + $RUNS warm runs), then 16 uploads at once from 4 agents ($JENKINS_BATCHES batches, with and without the upload)"
load_now jenkins
mark
jenkins_scenario
FOREIGN_JENKINS=$(foreign_since_mark)
fi
stop_emulators

if wanted jobpage; then
say "job page: the latest-upload link for jobs of 1, 100 and 1,000 builds"
"${CLIENT_PIN[@]}" java $CLIENT_FLAGS -cp "$CP" io.jenkins.plugins.buildstash.jenkins.actions.JobPageBench "$RESULTS"
fi

# ---- multipart through a shaped link ----------------------------------------------------------------------------
if wanted shaped; then
SHAPED_ARGS=(--etag cheap --no-store --bandwidth-mbps "$MBPS" --latency-ms "$LATENCY_MS" --multipart-threshold 64MiB --part-size-mb 50)
start_emulator shaped "${SHAPED_ARGS[@]}"
load_now shaped
say "shaped multipart: 1 GiB in 50 MiB parts at $MBPS Mbit/s per connection, $LATENCY_MS ms before each answer (minutes)"
mark
bench shaped --file "$F1G" --concurrency 1,4,8 --curl-script "$ROOT/bench/curl-multipart.sh"
FOREIGN_SHAPED=$(foreign_since_mark)
stop_emulators
fi

# ---- facts and report -------------------------------------------------------------------------------------------
elapsed=$(($(date +%s) - STARTED))
fact date "$(date -u '+%Y-%m-%d %H:%M UTC')"
fact command "bash bench/run.sh"
fact duration "$((elapsed / 60)) min $((elapsed % 60)) s"
fact nproc "$(nproc)"
fact cpu "$(awk -F': *' '/^model name/{print $2; exit}' /proc/cpuinfo) ($(grep -m1 -o -w -e avx512f -e sha_ni /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/ $//' || true))"
fact ram "$(awk '/^MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
fact kernel "$(uname -r)"
fact jdk "$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.name/{n=$2} /java.runtime.version/{v=$2} END{print n" "v}')"
fact curl "$(curl --version | sed -n 1p | awk '{print $1" "$2" ("$4")"}')"
fact pinning "$PINNING"
fact client_flags "$CLIENT_FLAGS"
fact memory_flags "$MEMORY_FLAGS"
fact emulator_flags "$EMULATOR_FLAGS"
fact foreign_cpu "single part $FOREIGN_SINGLE, fixed cost $FOREIGN_FIXED, memory $FOREIGN_MEMORY, controller $FOREIGN_CONTROLLER, jenkins $FOREIGN_JENKINS, shaped $FOREIGN_SHAPED of the machine's CPUs (from /proc/stat, less the benchmark's own processes)"
fact load_average "$(IFS=';'; echo "${LOADS[*]}" | sed 's/;/; /g') (1, 5 and 15 min load averages from /proc/loadavg as each scenario started)"
fact single_emulator "${PLAIN_ARGS[*]}"
fact single_method "First 10 curl PUTs of 1 GiB warm the emulator's JIT. Then for each file $WARMUPS warm-up upload per client, then $RUNS runs per client in rotating order (no client always first). Every upload is a whole one through the plugin's key side (request, PUT, verify); only the PUT is timed for the ratio."
fact shaped_emulator "${SHAPED_ARGS[*]}"
fact shaped_method "One whole upload each (request to verify, all API calls through the same shaped emulator), no warm-up: the link, not the CPU, sets the pace. At $MBPS Mbit/s one connection needs at least $(awk -v m="$MBPS" -v b=$GIB 'BEGIN{printf "%.0f", b*8/(m*1e6)}') s for 1 GiB."
fact memory_emulator "${PLAIN_ARGS[*]}"
fact memory_method "Whole uploads (5 GiB + 1 byte is above the emulator's 5 GiB single-PUT limit, so 103 parts of 50 MiB). Peak RSS is the client JVM's own VmHWM from /proc/self/status after the upload."
fact overhead_emulator "${PLAIN_ARGS[*]}"
fact fixed_method "Emulator \`${PLAIN_ARGS[*]}\`. Single PUTs of a 1 KiB file (its bytes take microseconds, so the time is what a transfer costs as such), each a whole upload through the plugin's key side with only the PUT timed: 5 warm-up rounds, then 30 rounds of the three clients in rotating order, in one client JVM."
fact controller_method "Emulator \`${PLAIN_ARGS[*]}\`. One controller JVM (\`-Xmx512m\`) runs only the key side (\`Uploader\`) of N uploads of the 10 MiB file at once, one thread each as N pipelines' steps would; each file side runs in one of 4 agent JVMs (\`SocketAgent\`: the order, the URL requests and the receipt cross a loopback socket in Java serialisation, as through remoting, whose own threads are not modelled). After two warm-up batches of 8 (the first upload learns the key's kind). CPU is the controller process's CPU time over the batch (batches under 16 are repeated to sum 16 uploads); peak threads and heap from the JVM's MXBeans; threads left are counted 3 s after the batch."
fact jobpage_method "What \`BuildstashJobActionFactory\` costs per render for synthetic jobs whose newest upload is in their oldest build (\`JobPageBench\`; no real Jenkins: in one, each build loaded may read a build.xml). First render after a restart: 150 renders after clearing the memory (one small file read each); warm: 15,000 renders."
fact jenkins_method "Emulator \`${PLAIN_ARGS[*]}\` in its own JVM. A real Jenkins from the hosting build's test harness (\`JenkinsStepBench\`, run as \`mvn -f pom-jenkins.xml test -Dtest=JenkinsStepBench\`): the controller in the surefire JVM, each agent a JVM of its own on this machine, launched by the harness; Jenkins and its agents are not pinned. Step overhead: one agent, a Pipeline (not sandboxed) reads \`System.nanoTime()\` around \`buildstashUpload\` of the fixture in its workspace; the engine's transfer time is the \`FileReceipt.elapsedMillis\` the agent's \`FileTransfer\` returns, read from the transfer call's answer on the channel (a \`Channel.Listener\`, which also gives remoting's round trip of the file resolution call and of the transfer call); first run of each size in a new Jenkins, then $RUNS warm runs alternating sizes. 16 at once: 4 agents with 4 executors each, one Pipeline of 16 \`parallel\` branches, 4 per agent, each \`node\` + \`ws\` of its own uploading the 10 MiB file; the same Pipeline with \`echo\` in place of the upload as the baseline; a warm-up batch of each, then $JENKINS_BATCHES of each alternating. Controller CPU is the surefire JVM's process CPU time over the build; peak threads from the JVM's MXBean; threads left are counted 5 s after the build."
fact overhead_method "One whole upload per file with the defaults and an application key (no application ID, so the engine first checks what kind of key it has); counts from the emulator's GET /_emulator/state before and after."

say "report"
java -cp "$CP" io.jenkins.plugins.buildstash.bench.BenchReport "$RESULTS" "$FACTS" ${DOC:+"$ROOT/$DOC"}
echo "results: $RESULTS (kept only with BENCH_KEEP=1 or BENCH_DIR)"
