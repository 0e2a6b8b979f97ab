#!/bin/sh
# Runs trin.health's HealthReportBenchmark (a basic and a full report: time and
# allocation per report) on this machine. Arguments go to JMH, e.g. -f 1 -i 2.
# Not part of `mvn verify`. Needs trin.api installed in the local repository.
set -e
cd "$(dirname "$0")"
mvn -B -q test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
    trin.health.internal.HealthReportBenchmark "$@"
