#!/bin/sh
# Parts 4 and 6: gateway round trips through the adapters' own load drivers, and the RSS of each gateway-side
# process at rest and under load. Needs the adapters built first:
#   ./mvnw -B -q -pl integration-tests,benchmarks -am test-compile package dependency:build-classpath \
#       -DskipTests -Dmdep.outputFile=/tmp/cp-\${project.artifactId}.txt -Dmdep.includeScope=test
# Usage: [PARTS="rest apisix kong"] [TAG=-name] [RUNNER_JAVA_OPTS=..] [KONG_JAVA_OPTS=..] benchmarks/gateway.sh JAVA_BIN [connections=8] [seconds=5] [rounds=3]
#        [kong-threads=4] [kong-events=20000]
set -eu
java=$1; conns=${2:-8}; secs=${3:-5}; rounds=${4:-3}; kthreads=${5:-4}; kevents=${6:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/benchmarks/results
mkdir -p "$out"
runner=$root/apisix-plugin/target/apisix-plugin-0.1.0-SNAPSHOT-runner.jar
kongjar=$root/kong-plugin/target/kong-plugin-0.1.0-SNAPSHOT-server.jar
tmp=$(mktemp -d)
parts=${PARTS:-rest apisix kong}
tag=${TAG:-}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# samples a process's RSS every 0.5 s until it exits; prints "max_kB samples"
sample() {
    pid=$1; max=0; n=0
    # a child that exited stays a zombie until waited for, and kill -0 still succeeds on it
    while kill -0 "$pid" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do
        r=$(rss_kb "$pid"); [ "${r:-0}" -gt "$max" ] && max=$r; n=$((n + 1)); sleep 0.5
    done
    echo "$max $n"
}

"$java" -version >> "$out/gateway-env$tag.txt" 2>&1
echo "command: PARTS=\"$parts\" benchmarks/gateway.sh $*" >> "$out/gateway-env$tag.txt"

case " $parts " in *" rest "*)
# at rest: each server started alone, idle for 20 s after start, no request served
APISIX_LISTEN_ADDRESS=unix:$tmp/runner.sock APISIX_CONF_EXPIRE_TIME=3600 "$java" ${RUNNER_JAVA_OPTS:-} -jar "$runner" > "$tmp/runner.log" 2>&1 &
rpid=$!
"$java" ${KONG_JAVA_OPTS:-} -jar "$kongjar" --socket "$tmp/kong.sock" > "$tmp/kong.log" 2>&1 &
kpid=$!
sleep 20
echo "at rest (20 s after start, idle): APISIX runner RSS $(rss_kb $rpid) kB, Kong plugin server RSS $(rss_kb $kpid) kB" \
    | tee "$out/gateway-rss-rest$tag.txt"
kill "$rpid" "$kpid"; wait "$rpid" "$kpid" 2>/dev/null || true
;; esac

case " $parts " in *" apisix "*)
# (a) APISIX: LoadDriver starts the runner jar as its own process; its RSS is sampled while the driver runs
"$java" -Djwkgate.apisix.runnerJar="$runner" -Djwkgate.load.runnerOptions="${RUNNER_JAVA_OPTS:-}" \
    -cp "$root/integration-tests/target/test-classes:$(cat /tmp/cp-integration-tests.txt)" \
    dev.jwkgate.it.apisix.load.LoadDriver "$conns" "$secs" "$rounds" 100 > "$out/gateway-apisix$tag.txt" 2>&1 &
dpid=$!
rpid=""
while [ -z "$rpid" ] && kill -0 "$dpid" 2>/dev/null; do sleep 0.2; rpid=$(pgrep -P "$dpid" java || true); done
res=$(sample "$rpid")
wait "$dpid"
cat "$out/gateway-apisix$tag.txt"
echo "APISIX runner (JVM options '${RUNNER_JAVA_OPTS:-}') under load: max RSS ${res% *} kB" | tee "$out/gateway-rss-apisix$tag.txt"
;; esac

case " $parts " in *" kong "*)
# (b) Kong: KongLoadDriver with the JWT plugin in the packaged plugin server, started through its launcher as
# Kong starts it (a process of its own, default heap sizing unless KONG_JAVA_OPTS says otherwise); its RSS is
# sampled while the driver runs. The throughput ratios of part 4b come from KongRoundTrips, where both plugins
# run alike; here the no-op plugin runs inside the driver's JVM.
"$java" -Djwkgate.kong.launcher="$root/kong-plugin/src/main/dist/jwkgate" -Djwkgate.kong.jar="$kongjar" \
    -Djwkgate.kong.javaOpts="${KONG_JAVA_OPTS:-}" \
    -cp "$root/benchmarks/target/classes:$(cat /tmp/cp-benchmarks.txt)" \
    dev.jwkgate.kong.load.KongLoadDriver "$kthreads" "$kevents" 10000 > "$out/gateway-kong$tag.txt" 2>&1 &
dpid=$!
spid=""
while [ -z "$spid" ] && kill -0 "$dpid" 2>/dev/null; do sleep 0.2; spid=$(pgrep -f -- "--socket .*/jwt.sock" | while read -r p; do grep -q java "/proc/$p/cmdline" 2>/dev/null && echo "$p"; done | head -1); done
res=$(sample "$spid")
wait "$dpid" || true
cat "$out/gateway-kong$tag.txt"
echo "Kong plugin server (packaged, JAVA_OPTS='${KONG_JAVA_OPTS:-}') under load: max RSS ${res% *} kB" | tee "$out/gateway-rss-kong$tag.txt"
;; esac
rm -rf "$tmp"
