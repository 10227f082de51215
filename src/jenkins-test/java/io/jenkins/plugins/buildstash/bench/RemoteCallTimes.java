package io.jenkins.plugins.buildstash.bench;

import hudson.remoting.Channel;
import hudson.remoting.Request;
import hudson.remoting.Response;
import io.jenkins.plugins.buildstash.jenkins.agent.AgentFileSide;
import io.jenkins.plugins.buildstash.jenkins.agent.ResolveFilesCallable;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Watches an agent's channel for the answers to the step's two calls to the agent: the file resolution
 * ({@link ResolveFilesCallable}) and the transfer ({@link AgentFileSide.TransferCallable}). For each it keeps remoting's
 * round trip (request sent to answer read, on the controller), and for the transfer the {@link TransferReceipt} the
 * engine returned, whose {@code FileReceipt.elapsedMillis} is the engine's own transfer time. The receipt is not in
 * what the step returns or records, so it is read here, from a second deserialisation of the answer's bytes.
 */
final class RemoteCallTimes extends Channel.Listener {

    /** One answered call. {@code receipt} is set for transfers only. */
    record Call(String callable, long roundTripNanos, TransferReceipt receipt) {}

    private static final String TRANSFER = AgentFileSide.TransferCallable.class.getName();
    private static final String RESOLVE = ResolveFilesCallable.class.getName();

    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

    @Override
    public void onResponse(Channel channel, Request<?, ?> request, Response<?, ?> response, long totalTimeNanos) {
        // A user request's toString is its callable's (FilePath.act wraps it, and the wrapper forwards toString).
        String what = String.valueOf(request);
        if (what.contains(TRANSFER)) {
            calls.add(new Call(TRANSFER, totalTimeNanos, receipt(channel, response)));
        } else if (what.contains(RESOLVE)) {
            calls.add(new Call(RESOLVE, totalTimeNanos, null));
        }
    }

    /** Takes the calls answered so far, oldest first. */
    List<Call> drain() {
        List<Call> taken = new java.util.ArrayList<>();
        for (Call c; (c = calls.poll()) != null; ) {
            taken.add(c);
        }
        return taken;
    }

    int pending() {
        return calls.size();
    }

    static boolean isTransfer(Call c) {
        return TRANSFER.equals(c.callable());
    }

    static boolean isResolve(Call c) {
        return RESOLVE.equals(c.callable());
    }

    /**
     * The receipt inside a transfer's answer. Remoting's {@code UserResponse} holds the return value as serialised
     * bytes and is package-private; its {@code retrieve} deserialises them again with the plugin's class loader. The
     * receipt is records, strings and an enum only, so a second copy has no side effect. Null when the transfer threw.
     */
    private static TransferReceipt receipt(Channel channel, Response<?, ?> response) {
        Object answer = response.getReturnValue();
        if (answer == null) {
            return null;
        }
        try {
            Method retrieve = answer.getClass().getMethod("retrieve", Channel.class, ClassLoader.class);
            retrieve.setAccessible(true);
            Object value = retrieve.invoke(answer, channel, TransferReceipt.class.getClassLoader());
            return value instanceof TransferReceipt r ? r : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a transfer that failed: its exception is the answer, and the bench fails on the build
        }
    }
}
