#!/bin/sh
# Part 7: requests through the real Apache APISIX 3.18 and Kong 3.9.1 (both installed, JWKGATE_* variables set as in
# README "Tests against the real gateways"), driven by Debian's wrk (apt-get install wrk), each request ending inside
# the gateway. Builds what it needs, then runs dev.jwkgate.it.gateways.bench.RealGatewayBenchmark and keeps its output,
# the JVM version and the load average (sampled every 10 s) under benchmarks/results/real-gateways$TAG*.
# NO_BUILD=1 skips the build when one was made. KONG_JAR=path runs another build's Kong plugin-server jar (an A/B). SYSCALLS=1 adds strace -c runs (system calls per request of nginx and Java; rates of those runs mean nothing).
# Usage: [TAG=-name] [NO_BUILD=1] [SYSCALLS=1] [KONG_JAR=path] benchmarks/real-gateways.sh [seconds=10] [connections=8] [rounds=2] [tokens=5000] [gateways=apisix,kong]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/benchmarks/results
tag=${TAG:-}
mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
cd "$root"
# NO_BUILD=1: use the jars and the class path of the last build (e.g. while that build's tests still run)
if [ "${NO_BUILD:-0}" != 1 ] || [ ! -s "$root/integration-tests/target/real-gateways-classpath.txt" ]; then
    ./mvnw -B -q -pl integration-tests -am package dependency:build-classpath -DskipTests \
        -Dmdep.outputFile="$root/integration-tests/target/real-gateways-classpath.txt" -Dmdep.includeScope=test
fi
java=${JWKGATE_JAVA:-java}
"$java" -version > "$out/real-gateways$tag-env.txt" 2>&1
for nginx in "${JWKGATE_OPENRESTY:-/opt/jwkgate-gateways/openresty}/nginx/sbin/nginx" \
             "${JWKGATE_KONG_OPENRESTY:-/opt/jwkgate-gateways/kong-openresty}/nginx/sbin/nginx"; do
    [ -x "$nginx" ] && echo "$nginx: $("$nginx" -V 2>&1 | grep -i 'built with openssl')" >> "$out/real-gateways$tag-env.txt"
done
echo "command: benchmarks/real-gateways.sh $*" >> "$out/real-gateways$tag-env.txt"
( while :; do echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 10; done ) > "$out/real-gateways$tag-load.log" &
sampler=$!
trap 'kill $sampler' EXIT
"$java" -Djwkgate.bench.syscalls="$([ "${SYSCALLS:-0}" = 1 ] && echo true || echo false)" -Djwkgate.apisix.runnerJar="$root/apisix-plugin/target/apisix-plugin-0.1.0-SNAPSHOT-runner.jar" \
    -Djwkgate.kong.jar="${KONG_JAR:-$root/kong-plugin/target/kong-plugin-0.1.0-SNAPSHOT-server.jar}" \
    -cp "$root/integration-tests/target/test-classes:$(cat "$root/integration-tests/target/real-gateways-classpath.txt")" \
    dev.jwkgate.it.gateways.bench.RealGatewayBenchmark "$@" 2>&1 | tee "$out/real-gateways$tag.txt"
