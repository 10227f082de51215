package io.jenkins.plugins.buildstash.testing;

/** Threads for the loopback servers of tests: daemons, so that a test that fails never keeps the JVM alive. */
final class Daemons {

    private Daemons() {}

    static Thread start(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
