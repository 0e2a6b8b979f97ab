#!/bin/sh
# Measurement tools of trin.client, not tests (surefire never runs them):
#
#   bench.sh load [options]   the load driver: the client component against a real
#                             broker on 127.0.0.1, commands from a Paho "platform",
#                             round trips timed. Options (defaults):
#                             --broker mosquitto|smart (mosquitto) --warmup 2000
#                             --n1 10000 --n8 20000 --window 8 --max-seconds 120
#                             --phase-seconds 40 --stall-seconds 10 --workers N
#                             --platform-nodelay true
#
# The JMH benchmarks (the codec among them) and the load driver on bin/trin are in
# trin.bench: trin.bench/bench.sh jmh | load. This one is the in-process driver.
#
# Works from any directory. Needs the other modules installed in the local
# repository (mvn install), as `mvn -pl trin.client` does; runs Maven offline
# unless BENCH_ONLINE is set. JAVA_OPTS go to the JVM of the tool.
set -e
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
usage() {
    echo "usage: $0 load [--broker mosquitto|smart] [--n1 N] [--n8 N] ..." >&2
    exit 64
}
[ $# -ge 1 ] || usage
tool="$1"
shift
case "$tool" in
    load) main=trin.client.internal.LoadDriver; jvm= ;;
    *) usage ;;
esac
offline=-o
[ -n "$BENCH_ONLINE" ] && offline=
mvn -B -q -Dstyle.color=never $offline test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
# shellcheck disable=SC2086
exec java $jvm $JAVA_OPTS -cp "$here/target/test-classes:$here/target/classes:$(cat target/bench.classpath)" \
    "$main" "$@"
