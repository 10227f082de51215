package io.jenkins.plugins.buildstash.jenkins.config;

/** Range checks for numeric settings, with messages that name the setting. */
public final class Settings {

    private Settings() {}

    static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
