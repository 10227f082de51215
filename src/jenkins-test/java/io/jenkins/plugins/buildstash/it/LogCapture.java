package io.jenkins.plugins.buildstash.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything Jenkins logs through java.util.logging while a test runs (the root logger's own level, INFO by default),
 * with stack traces: what an administrator reads in the system log. Used to prove that no API key is ever logged.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Queue<LogRecord> records = new ConcurrentLinkedQueue<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** The record as the system log shows it: logger, level, message and stack trace. */
    String text(LogRecord record) {
        StringBuilder b = new StringBuilder()
                .append(record.getLoggerName()).append(' ').append(record.getLevel()).append(": ")
                .append(formatter.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            b.append('\n').append(trace);
        }
        return b.toString();
    }

    List<String> leaks(List<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (LogRecord record : records) {
            if (SecretScan.containsAny(text(record), secrets)) {
                leaks.add("a " + record.getLevel() + " record of " + record.getLoggerName() + " holds an API key");
            }
        }
        return leaks;
    }

    void clear() {
        records.clear();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
