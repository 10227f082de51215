package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.Model.User;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the two member lists share (workspace and application members): {@code search} in name and email, and
 * {@code sort_by} name, email or role (default name), plus {@code added_at} where members carry it.
 */
final class MemberList {

    /** One member: the user, the role, when they were added (null where the API does not show it). */
    record Row(User user, String role, Instant addedAt) {}

    private MemberList() {}

    static Response page(ApiCall call, String message, List<Row> members, Function<Row, ObjectNode> render) {
        String search = call.query("search");
        List<Row> found = members.stream()
                .filter(row -> search == null
                        || Lists.contains(row.user().name(), search)
                        || Lists.contains(row.user().email(), search))
                .toList();
        Map<String, Comparator<Row>> keys = new LinkedHashMap<>();
        keys.put("name", Comparator.comparing(row -> row.user().name()));
        keys.put("email", Comparator.comparing(row -> row.user().email()));
        keys.put("role", Comparator.comparing(Row::role));
        if (members.stream().allMatch(row -> row.addedAt() != null)) {
            keys.put("added_at", Comparator.comparing(Row::addedAt));
        }
        return Lists.page(call, message, Lists.sorted(call, found, keys, "name"), render);
    }
}
