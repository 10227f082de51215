package io.jenkins.plugins.buildstash.testing;

import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import io.jenkins.plugins.buildstash.upload.FileRole;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.PartTarget;
import io.jenkins.plugins.buildstash.upload.FileTransfer;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
    public TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException {
        TransferOrder onAgent = cross("transfer order to the agent", order);
        // URLs are the capability the agent needs: they cross as call results, not as part of the order.
        UrlSource channel = new UrlSource() {
            @Override
            public PresignedRequest singlePut(FileRole role, int fileIndex) throws IOException, InterruptedException {
                return pass(urls.singlePut(cross("URL request", role), fileIndex));
            }

            @Override
            public List<PartTarget> parts(FileRole role, int fileIndex, int first, int count)
                    throws IOException, InterruptedException {
                return pass(new ArrayList<>(urls.parts(cross("URL request", role), fileIndex, first, count)));
            }
        };
        return cross("receipt from the agent", new FileTransfer(onAgent, channel, log).run());
    }

    /** Serialises and deserialises a value that crosses the channel, recording its bytes in the ledger. */
    private static <T extends Serializable> T cross(String what, T value) throws IOException {
        return copy(what, value, true);
    }

    /** The same for a call result that is a URL: it must cross, and it is not something anyone reads. */
    private static <T extends Serializable> T pass(T value) throws IOException {
        return copy("URL", value, false);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T copy(String what, T value, boolean observe) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        if (observe) {
            SecretLedger.observe(what + " (serialised)", bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

}
