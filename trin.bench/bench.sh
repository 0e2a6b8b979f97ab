#!/bin/sh
# trin's measurement tools (not tests; see docs/measuring.md):
#
#   bench.sh load [--smoke] [options]   the load driver (trin.bench.LoadBench): bin/trin of copies of
#                                       distribution/target/trin against a Mosquitto of its own, beside
#                                       a bare Paho echo on trin's flags and on JVM defaults, on each JDK
#                                       of --jdk 17=JAVA_HOME,25=JAVA_HOME (default: JDK 17 and 25 where
#                                       present; smoke: the running JDK), --repeat N for ranges; writes
#                                       results/RESULTS.md (issue 22's targets per JDK) and
#                                       results/latency.png (smoke mode: target/smoke-results/)
#   bench.sh jmh [names] [JMH args]     the JMH benchmarks (codec, password hash, routing steps,
#                                       health reports, outbox), e.g. bench.sh jmh CodecBenchmark -f 1
#   bench.sh fleet [options]            N trin sessions in one JVM against a broker: a broker load
#                                       test (trin.client.internal.Fleet; --host --port --sessions ...)
#
# Builds what it needs first (the distribution and this module; offline when the local
# repository has everything). JAVA_OPTS go to the JVM of the tool, not to the devices.
set -e
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 load [--smoke] ... | jmh [...] | fleet [...]" >&2; exit 64; }
tool="$1"
shift
case "$tool" in
    load) main=trin.bench.LoadBench ;;
    jmh) main=trin.bench.Jmh ;;
    fleet) main=trin.client.internal.Fleet ;;
    *) echo "unknown tool $tool" >&2; exit 64 ;;
esac
if [ -z "$BENCH_NO_BUILD" ]; then
    build() {
        mvn -B -q -Dstyle.color=never "$@" -f "$root/pom.xml" -pl trin.bench,distribution -am package \
            dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
            -Dmdep.outputFile=target/bench.classpath >&2
    }
    build -o || build
fi
cd "$here"
# shellcheck disable=SC2086
exec java $JAVA_OPTS -cp "$here/target/test-classes:$(cat "$here/target/bench.classpath")" "$main" "$@"
