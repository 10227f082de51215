// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    public ListBoxModel() {}

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {}
    }
}
