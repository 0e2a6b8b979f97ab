package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JVM options {@code bin/trin} gives each JDK it finds (docs/jdk.md). The JDK is a stand-in: a
 * {@code release} file with the version under test and a {@code bin/java} that writes down the arguments it
 * was given, because the JDK updates that refuse an option (17.0.10, 21.0.2) are not on a build machine.
 * LocalRuntimeIT starts the real JDKs 17 and 25 with these options.
 */
class JvmOptionsIT {

    private static final String TRIM = "-XX:TrimNativeHeapInterval=10000";
    private static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "Java {0}: trim {1}, Java 24 options {2}")
    @CsvSource({
        "17.0.10, false, false",
        "17.0.11, true, false",
        "17.0.15, true, false",
        "19.0.2, false, false",
        "21.0.2, false, false",
        "21.0.3, true, false",
        "22, false, false",
        "22.0.1, true, false",
        "23, true, false",
        "25, true, true",
        "25.0.3, true, true",
    })
    void givenAJdkVersion_whenTrinRuns_thenItGetsTheOptionsThatJdkHas(String version, boolean trim, boolean java24)
            throws Exception {
        List<String> args = run(version, "run");

        assertThat(args).contains("-Xms8m", "-Xmx64m", "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError")
                .doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(args.contains(TRIM)).as("%s in %s", TRIM, args).isEqualTo(trim);
        assertThat(args.contains(UNSAFE)).as("%s in %s", UNSAFE, args).isEqualTo(java24);
        assertThat(args).containsSubsequence("-cp", "trin.launcher.Main");
    }

    @Test
    void givenATool_thenItRunsOnC1AloneWithASmallHeapAndNoTrimming() throws Exception {
        List<String> args = run("17.0.15", "status");

        assertThat(args).contains("-Xmx32m", "-XX:TieredStopAtLevel=1").doesNotContain(TRIM, "-Xmx64m");
        assertThat(args).endsWith("trin.launcher.Main", "status");
    }

    @Test
    void givenAJdkOlderThan17_thenTrinRefusesToStartAndSaysWhy() throws Exception {
        Path home = Distribution.copy(dir).home();
        Process p = start(home, fakeJdk("11.0.20"), "run");

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(new String(p.getInputStream().readAllBytes(), UTF_8)).contains("is Java 11; trin needs 17 or newer");
        assertThat(dir.resolve("jdk-11.0.20/args")).doesNotExist();
    }

    /** The arguments bin/trin of a fresh copy gives the stand-in JDK of {@code version} for {@code command}. */
    private List<String> run(String version, String command) throws IOException, InterruptedException {
        Path home = Distribution.copy(dir).home();
        Path jdk = fakeJdk(version);
        Process p = start(home, jdk, command);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("bin/trin ended").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        return Files.readAllLines(jdk.resolve("args"), UTF_8);
    }

    private static Process start(Path home, Path jdk, String command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/trin").toString(), command)
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("JAVA_HOME", jdk.toString());
        return pb.start();
    }

    /**
     * A JDK of {@code version} as bin/trin sees one: its release file, its lib/modules, and a java that writes
     * down its arguments.
     */
    private Path fakeJdk(String version) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Files.createFile(Files.createDirectories(jdk.resolve("lib")).resolve("modules")); // in the CDS archive's key
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/../args\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jdk;
    }
}
