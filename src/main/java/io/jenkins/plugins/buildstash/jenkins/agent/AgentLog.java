package io.jenkins.plugins.buildstash.jenkins.agent;

import hudson.model.TaskListener;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The build log as seen from an agent. There the listener's stream is buffered and sent to the controller in chunks,
 * so a line that is not flushed arrives late, after the controller's own later lines, or not at all once the callable
 * has returned. Each line is flushed as it is printed, so that the log reads in the order things happened.
 */
final class AgentLog implements Consumer<String> {

    private final PrintStream out;

    AgentLog(TaskListener listener) {
        this.out = listener.getLogger();
    }

    @Override
    public void accept(String line) {
        out.println(line);
        out.flush();
    }

    /** For whatever else was printed to the stream: called before the callable returns. */
    void flush() {
        out.flush();
    }
}
