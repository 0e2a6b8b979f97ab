package trin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK the load driver runs trin on: its label (a column of the results, e.g. {@code 17}), its home
 * (given to {@code bin/trin} as JAVA_HOME, and the {@code java} of the echoes and the events JVM on it)
 * and its feature version (from its {@code release} file).
 */
record Jdk(String label, Path home, String version, int feature) {

    /**
     * The JDKs the driver uses when {@code --jdk} is not given (full mode), where present, in this order: the
     * JDK trin ships on first (the burst and the fleet run on the first). ({@code Map.of} has no order.)
     */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("17", "/usr/lib/jvm/java-17-openjdk-amd64");
        DEFAULTS.put("25", "/usr/lib/jvm/temurin-25-jdk-amd64");
    }

    Path java() {
        return home.resolve("bin/java");
    }

    static Jdk of(String label, Path home) {
        Path release = home.resolve("release");
        String version = "?";
        try {
            Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"").matcher(Files.readString(release));
            if (m.find()) {
                version = m.group(1);
            }
        } catch (IOException e) {
            // no release file: the version stays unknown
        }
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalArgumentException("no bin/java in " + home + " (--jdk " + label + "=" + home + ")");
        }
        int feature = version.matches("\\d+.*") ? Integer.parseInt(version.split("[^0-9]")[0]) : -1;
        return new Jdk(label, home, version, feature);
    }

    /** The JVM running the driver. */
    static Jdk running() {
        Path home = Path.of(System.getProperty("java.home"));
        return of(Integer.toString(Runtime.version().feature()), home);
    }

    /**
     * {@code --jdk 17=/usr/lib/jvm/...,25=/usr/lib/jvm/...}; without it, in full mode both {@link #DEFAULTS}
     * that are present (else the running JDK), in smoke mode the running JDK only.
     */
    static List<Jdk> parse(String option, boolean smoke) {
        List<Jdk> jdks = new ArrayList<>();
        if (option != null) {
            for (String pair : option.split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--jdk wants LABEL=JAVA_HOME,...; got " + pair);
                }
                jdks.add(of(kv[0].trim(), Path.of(kv[1].trim())));
            }
            return jdks;
        }
        if (!smoke) {
            DEFAULTS.forEach((label, home) -> {
                if (Files.isExecutable(Path.of(home, "bin/java"))) {
                    jdks.add(of(label, Path.of(home)));
                }
            });
        }
        return jdks.isEmpty() ? List.of(running()) : jdks;
    }

    /** Options of a trin command line that belong to the install rather than the JDK: left out of trin's flags. */
    private static final Pattern PER_INSTALL = Pattern.compile("-D.*|-Xshare:.*|-Xlog:(cds|aot).*"
            + "|-XX:[+-]?(SharedArchiveFile|ArchiveClassesAtExit|AutoCreateSharedArchive|SharedClassListFile"
            + "|DumpLoadedClassList|RecordDynamicDumpInfo|AOTCache|AOTCacheOutput|AOTConfiguration|AOTMode"
            + "|VerifySharedSpaces)\\b.*");

    /** Launcher options whose value is the next argument (kept together as one flag, split again by {@link #split}). */
    private static final List<String> TAKES_VALUE = List.of("--add-opens", "--add-exports", "--add-reads",
            "--add-modules", "--enable-native-access", "--module-path", "-p", "--upgrade-module-path",
            "--limit-modules", "--patch-module");

    /** Flags as command-line arguments (a flag with its value as two). */
    static List<String> split(List<String> flags) {
        List<String> args = new ArrayList<>();
        flags.forEach(f -> args.addAll(Arrays.asList(f.split(" ", 2))));
        return args;
    }

    /**
     * trin's JVM flags as the running trin got them: the options of its command line
     * ({@code /proc/PID/cmdline}; {@code bin/trin} execs java with all of them there) before the class path,
     * less -D properties and the class data sharing / AOT cache options (files of one install), and less
     * {@code extra} (the driver's own {@code --trin-opts}). Returns {@code [kept, left out]}.
     */
    static List<List<String>> trinFlags(long pid, List<String> extra) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        return trinFlags(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")), extra);
    }

    /** {@link #trinFlags(long, List)} of a command line, {@code args[0]} the java program. */
    static List<List<String>> trinFlags(List<String> args, List<String> extra) {
        List<String> kept = new ArrayList<>();
        List<String> left = new ArrayList<>();
        List<String> extraLeft = new ArrayList<>(extra);
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")
                    || arg.startsWith("--class-path=") || arg.equals("-jar") || !arg.startsWith("-")) {
                break;
            }
            if (TAKES_VALUE.contains(arg) && i + 1 < args.size()) {
                arg = arg + " " + args.get(++i);
            }
            if (PER_INSTALL.matcher(arg).matches() || extraLeft.remove(arg)) {
                left.add(arg);
            } else {
                kept.add(arg);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalStateException("no JVM options on trin's command line: " + args);
        }
        return List.of(kept, left);
    }

    @Override
    public String toString() {
        return "JDK " + label + " (" + version + ", " + home + ")";
    }
}
