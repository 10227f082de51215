package io.jenkins.plugins.buildstash.bench;

import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import io.jenkins.plugins.buildstash.upload.FileRole;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.FileTransfer;
import io.jenkins.plugins.buildstash.upload.PartTarget;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a Jenkins agent, for the controller-cost benchmark: a JVM of its own that runs the file side
 * ({@link FileTransfer}) of each transfer the controller sends it, as {@code FilePath.act} would. One loopback connection
 * per transfer carries the order (Java serialisation), the file side's URL requests and their answers (as a remoting
 * export of {@link UrlSource} would), and the receipt. Jenkins' remoting has its own threads and framing, which this
 * leaves out; the controller's side of it is the key side's work and one blocked thread per transfer.
 *
 * <p>{@code main} listens and prints {@code PORT <n>}; {@link #fileSide} is the controller's end.
 */
public final class SocketAgent {

    private SocketAgent() {}

    /** What the agent asks the controller; answered with a {@link PresignedRequest}, a list of targets, or an error. */
    record UrlRequest(FileRole role, int fileIndex, int first, int count, boolean single) implements Serializable {}

    record Done(TransferReceipt receipt, String error) implements Serializable {}

    public static void main(String[] args) throws IOException {
        ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        System.out.println("PORT " + server.getLocalPort());
        System.out.flush();
        while (true) {
            Socket s = server.accept();
            Thread t = new Thread(() -> serve(s), "agent-transfer");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void serve(Socket socket) {
        try (socket; ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            out.flush();
            ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(socket.getInputStream()));
            TransferOrder order = (TransferOrder) in.readObject();
            UrlSource urls = new UrlSource() {
                @Override
                public synchronized PresignedRequest singlePut(FileRole role, int fileIndex) throws IOException {
                    return (PresignedRequest) ask(new UrlRequest(role, fileIndex, 0, 0, true));
                }

                @Override
                @SuppressWarnings("unchecked")
                public synchronized List<PartTarget> parts(FileRole role, int fileIndex, int first, int count)
                        throws IOException {
                    return (List<PartTarget>) ask(new UrlRequest(role, fileIndex, first, count, false));
                }

                private Object ask(UrlRequest request) throws IOException {
                    out.writeObject(request);
                    out.flush();
                    try {
                        Object answer = in.readObject();
                        if (answer instanceof String error) {
                            throw new IOException(error);
                        }
                        return answer;
                    } catch (ClassNotFoundException e) {
                        throw new IOException(e);
                    }
                }
            };
            Done done;
            try {
                done = new Done(new FileTransfer(order, urls, line -> {}).run(), null);
            } catch (IOException | RuntimeException e) {
                done = new Done(null, String.valueOf(e));
            }
            out.writeObject(done);
            out.flush();
        } catch (IOException | ClassNotFoundException | InterruptedException e) {
            System.err.println("agent: " + e);
        }
    }

    /** The controller's end: sends each transfer to the agent at {@code port} and answers its URL requests. */
    static FileSide fileSide(int port) {
        return (order, urls) -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
                out.writeObject(order);
                out.flush();
                ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(socket.getInputStream()));
                while (true) {
                    Object message = in.readObject();
                    if (message instanceof Done done) {
                        if (done.error() != null) {
                            throw new IOException("the agent failed: " + done.error());
                        }
                        return done.receipt();
                    }
                    UrlRequest r = (UrlRequest) message;
                    Object answer;
                    try {
                        answer = r.single() ? urls.singlePut(r.role(), r.fileIndex())
                                : new ArrayList<>(urls.parts(r.role(), r.fileIndex(), r.first(), r.count()));
                    } catch (IOException e) {
                        answer = String.valueOf(e.getMessage());
                    }
                    out.writeObject(answer);
                    out.flush();
                }
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        };
    }
}
