package io.jenkins.plugins.buildstash.api;

import io.jenkins.plugins.buildstash.api.model.UploadRequest;
import java.util.List;

/** A valid upload request body, for tests outside this package. */
public final class ClientErrorsTestAccess {

    private ClientErrorsTestAccess() {}

    public static UploadRequest request() {
        return ClientErrorsTest.upload(null, "beta", 1, List.of());
    }
}
