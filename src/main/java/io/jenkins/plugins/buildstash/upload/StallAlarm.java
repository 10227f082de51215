package io.jenkins.plugins.buildstash.upload;

/**
 * A stall watchdog's interrupt of the thread blocked in a transfer, told apart from an abort's. A blocking
 * {@code HttpClient.send} heeds only an interrupt while it waits for the answer, so that is how a stalled exchange is
 * cut. Ringing and silencing exclude each other, so no interrupt reaches the thread once its transfer is over. An abort
 * that lands in the very instant a stall is cut is taken for the stall and the transfer is retried; the key side, which
 * the abort interrupts on its own, still ends the build's work.
 */
public final class StallAlarm {

    private final Thread sender;
    private boolean rang;
    private boolean silenced;

    /** @param sender the thread blocked in the transfer */
    public StallAlarm(Thread sender) {
        this.sender = sender;
    }

    /** Runs {@code failBody} and interrupts the sender, once, unless the transfer is already over. */
    public synchronized void ring(Runnable failBody) {
        if (!silenced && !rang) {
            rang = true;
            failBody.run();
            sender.interrupt();
        }
    }

    /** Whether the alarm rang: the transfer's failure, if any, is the stall's. */
    public synchronized boolean rang() {
        return rang;
    }

    /** Ends the alarm; true when it rang. */
    public synchronized boolean silence() {
        silenced = true;
        return rang;
    }

    /**
     * Ends the alarm from the sender's own thread when the transfer is over, clearing an interrupt the alarm left: it
     * is not the build's and must not outlive the transfer.
     */
    public void silenceAndClear() {
        if (silence()) {
            Thread.interrupted();
        }
    }
}
