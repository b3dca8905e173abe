package io.nplus.server.cli;

/**
 * Log set-up for slf4j-simple, which reads system properties once, when the first logger is made: so this runs
 * first thing in main. Logs go to stderr, command output to stdout.
 */
final class Logging {
    private Logging() {
    }

    static void configure() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
        // SNMP4J logs whole packets (communities included) at debug: never below info.
        setIfAbsent("org.slf4j.simpleLogger.log.org.snmp4j", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
