package io.jenkins.plugins.buildstash.jenkins.actions;

import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jenkins.model.RunAction2;

/**
 * A build-page action that keeps a list of records (uploads, releases) added by any number of steps of one run,
 * parallel branches included, and exports the latest to later Freestyle steps. Records are plain strings and numbers,
 * stored in {@code build.xml}.
 */
public abstract class RecordListAction<T> implements RunAction2, EnvironmentContributingAction {

    private final List<T> records = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds a record to the run's action of this type, creating the action once; safe for parallel branches. */
    static <T, A extends RecordListAction<T>> void record(Run<?, ?> run, Class<A> type, Supplier<A> create, T record)
            throws IOException {
        synchronized (run) {
            A action = run.getAction(type);
            if (action == null) {
                action = create.get();
                run.addAction(action);
            }
            action.add(record);
        }
        run.save();
    }

    final synchronized void add(T record) {
        records.add(record);
    }

    /** A copy of the records, oldest first. */
    protected synchronized List<T> records() {
        return new ArrayList<>(records);
    }

    public synchronized T getLatest() {
        return records.isEmpty() ? null : records.get(records.size() - 1);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
