package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The forwarder that the key side exports to an agent in place of its own URL source holds nothing once the transfer
 * is over, however it ended: this is what keeps the client (and its key) unreachable from a lingering export.
 */
class ReleasableUrlSourceTest {

    /** How the borrower (in Jenkins, {@code FilePath.act} sending the transfer callable) ends. */
    enum Ending {
        RETURNS, FAILS_WITH_IO, FAILS_WITH_RUNTIME, FAILS_WITH_ERROR, INTERRUPTED, FAILS_BEFORE_USING_IT
    }

    private static final UrlSource KEY_SIDE = new UrlSource() {
        @Override
        public PresignedRequest singlePut(FileRole role, int fileIndex) {
            return new PresignedRequest("http://127.0.0.1:1/storage/x", Map.of());
        }

        @Override
        public List<PartTarget> parts(FileRole role, int fileIndex, int first, int count) {
            return List.of(new PartTarget(first, "http://127.0.0.1:1/storage/part/" + first));
        }
    };

    @ParameterizedTest
    @EnumSource(Ending.class)
    void theForwarderHoldsNothingOnceTheTransferEnds(Ending ending) throws Exception {
        AtomicReference<UrlSource> lent = new AtomicReference<>();
        Throwable thrown = catchThrowable(() -> ReleasableUrlSource.lend(KEY_SIDE, forwarder -> {
            lent.set(forwarder);
            if (ending != Ending.FAILS_BEFORE_USING_IT) {
                // While the transfer runs, the agent gets its URLs through the forwarder.
                assertThat(forwarder.parts(FileRole.PRIMARY, 0, 3, 1)).extracting(PartTarget::partNumber).containsExactly(3);
            }
            return switch (ending) {
                case RETURNS -> "receipt";
                case FAILS_WITH_IO -> throw new IOException("storage refused part 3");
                case FAILS_WITH_RUNTIME -> throw new IllegalStateException("channel aborted the request");
                case FAILS_WITH_ERROR -> throw new NoClassDefFoundError("java/net/http/HttpClient");
                case INTERRUPTED -> throw new InterruptedException("build aborted");
                case FAILS_BEFORE_USING_IT -> throw new IOException("remote call failed before the callable was sent");
            };
        }));

        assertThat(thrown == null).isEqualTo(ending == Ending.RETURNS);
        ReleasableUrlSource forwarder = (ReleasableUrlSource) lent.get();
        assertThat(forwarder.isReleased()).isTrue();
        assertThat(delegateOf(forwarder)).as("what the forwarder still refers to").isNull();
        assertThat(forwarder).hasToString("ReleasableUrlSource[released]");
        // A late call (an export the channel has not dropped yet, a thread still running on the agent) reaches nothing.
        Throwable late = catchThrowable(() -> forwarder.parts(FileRole.PRIMARY, 0, 4, 1));
        assertThat(late).isInstanceOf(UploadFailure.class)
                .hasMessage("This upload has ended on the controller: it hands out no more presigned URLs");
        assertThat(catchThrowable(() -> forwarder.singlePut(FileRole.PRIMARY, 0))).isInstanceOf(UploadFailure.class);
    }

    private static Object delegateOf(ReleasableUrlSource forwarder) throws ReflectiveOperationException {
        Field f = ReleasableUrlSource.class.getDeclaredField("delegate");
        f.setAccessible(true);
        return f.get(forwarder);
    }
}
