#!/bin/sh
# Usage: [JAR=other.jar] benchmarks/run.sh NAME JAVA_BIN MAIN_CLASS [args...]
# Runs one benchmark entry point from benchmarks/target/benchmarks.jar, keeping its console output,
# the JVM version and the load average (sampled every 10 s) under benchmarks/results/NAME*.
set -eu
name=$1; java=$2; main=$3; shift 3
dir=$(dirname "$0")/results
mkdir -p "$dir"
"$java" -version > "$dir/$name-env.txt" 2>&1
echo "command: $java -cp benchmarks/target/benchmarks.jar $main $*" >> "$dir/$name-env.txt"
( while :; do echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 10; done ) > "$dir/$name-load.log" &
sampler=$!
trap 'kill $sampler' EXIT
# JMH forks read the jar while the run lasts: run a private copy so a rebuild cannot change it mid-run
jar=$(mktemp /tmp/jwkgate-benchmarks-XXXXXX.jar)
cp "${JAR:-$(dirname "$0")/target/benchmarks.jar}" "$jar"
"$java" -cp "$jar" "$main" "$@" 2>&1 | tee "$dir/$name.txt"
rm -f "$jar"
