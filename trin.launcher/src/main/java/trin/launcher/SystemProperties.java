package trin.launcher;

import java.io.IOException;
import java.util.Map;

/**
 * Sets the JVM's system properties from {@code conf/system.properties}
 * (logging above all), before anything logs. A property already set, by a
 * {@code -D} in {@code JAVA_OPTS}, wins.
 */
final class SystemProperties {

    /** Used when {@code conf/system.properties} says nothing: SLF4J simple, to standard output, for journald. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "org.slf4j.simpleLogger.logFile", "System.out",
            "org.slf4j.simpleLogger.showDateTime", "false",
            "org.slf4j.simpleLogger.levelInBrackets", "true",
            "org.slf4j.simpleLogger.showShortLogName", "true",
            "org.slf4j.simpleLogger.showThreadName", "false",
            "org.slf4j.simpleLogger.log.io.moquette", "warn",
            "org.slf4j.simpleLogger.log.io.netty", "warn",
            "java.util.logging.SimpleFormatter.format", "[%4$s] %3$s - %5$s%6$s%n");

    private SystemProperties() {
    }

    static void apply(Home home) {
        System.setProperty(Home.PROPERTY, home.dir().toString());
        try {
            ConfFile.read(home.conf("system.properties")).values().forEach(SystemProperties::setIfAbsent);
        } catch (IOException e) {
            System.err.println("Cannot read " + home.conf("system.properties") + ": " + e);
        }
        DEFAULTS.forEach(SystemProperties::setIfAbsent);
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
