package io.jenkins.plugins.buildstash.testing;

import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.FileTransfer;
import io.jenkins.plugins.buildstash.upload.PartUrlSource;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The file side as Jenkins runs it on an agent, in this JVM: the order crosses a Java-serialisation boundary (as in
 * {@code FilePath.act}), the file side only gets part URLs through a proxy whose arguments and results are serialised
 * too (as a remoting export), and the receipt comes back the same way. What crosses is recorded in the
 * {@link SecretLedger}.
 */
public final class RemotingLikeFileSide implements FileSide {

    private final Consumer<String> log;

    public RemotingLikeFileSide(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public TransferReceipt transfer(TransferOrder order, PartUrlSource urls) throws IOException, InterruptedException {
        TransferOrder onAgent = cross("transfer order to the agent", order);
        PartUrlSource channel = (role, fileIndex, first, count) ->
                cross("part URLs to the agent", new ArrayList<>(urls.presign(cross("presign call", role), fileIndex, first, count)));
        return cross("receipt from the agent", new FileTransfer(onAgent, channel, log).run());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T cross(String what, T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        SecretLedger.observe(what + " (serialised)", bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

}
