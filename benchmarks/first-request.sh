#!/bin/sh
# Issue 19 part 3: gateway start -> first valid 200 in the real Apache APISIX 3.18 and Kong 3.9.1 (both installed,
# JWKGATE_* variables set as in README "Tests against the real gateways"), with and without the plugin JVM's
# class-data-sharing archive (dist/jwkgate-cds), runs alternating. Builds what it needs, then runs
# dev.jwkgate.it.gateways.bench.FirstRequestBenchmark and keeps its output, the JVM version and the load average
# (sampled every 10 s) under benchmarks/results/first-request$TAG*. NO_BUILD=1 skips the build when one was made;
# RUNNER_JAR / KONG_JAR name other copies of the deployables (e.g. to build again while this runs).
# Usage: [TAG=-name] [NO_BUILD=1] benchmarks/first-request.sh [rounds=5] [gateways=apisix,kong] [ports=20800-21199]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/benchmarks/results
tag=${TAG:-}
rounds=${1:-5}
gateways=${2:-apisix,kong}
ports=${3:-20800-21199}
mkdir -p "$out"
cd "$root"
if [ "${NO_BUILD:-0}" != 1 ] || [ ! -s "$root/integration-tests/target/first-request-classpath.txt" ]; then
    ./mvnw -B -q -pl integration-tests -am package dependency:build-classpath -DskipTests \
        -Dmdep.outputFile="$root/integration-tests/target/first-request-classpath.txt" -Dmdep.includeScope=test
fi
java=${JWKGATE_JAVA:-java}
"$java" -version > "$out/first-request$tag-env.txt" 2>&1
echo "command: benchmarks/first-request.sh $*" >> "$out/first-request$tag-env.txt"
( while :; do echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 10; done ) > "$out/first-request$tag-load.log" &
sampler=$!
trap 'kill $sampler' EXIT
"$java" -Djwkgate.gateways.ports="$ports" \
    -Djwkgate.apisix.runnerJar="${RUNNER_JAR:-$root/apisix-plugin/target/apisix-plugin-0.1.0-SNAPSHOT-runner.jar}" \
    -Djwkgate.kong.jar="${KONG_JAR:-$root/kong-plugin/target/kong-plugin-0.1.0-SNAPSHOT-server.jar}" \
    -Djwkgate.cds.wrapper="$root/dist/jwkgate-cds" \
    -cp "$root/integration-tests/target/test-classes:$(cat "$root/integration-tests/target/first-request-classpath.txt")" \
    dev.jwkgate.it.gateways.bench.FirstRequestBenchmark "$rounds" "$gateways" 2>&1 | tee "$out/first-request$tag.txt"
