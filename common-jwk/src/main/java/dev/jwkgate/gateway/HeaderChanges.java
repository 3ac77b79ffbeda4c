package dev.jwkgate.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a decision's header changes into one list an adapter can apply in any order: every name appears
 * once (ignoring case), removals first, then sets.
 *
 * <p>Why no name may appear twice: runner 0.4.0 sends APISIX its header changes from a {@code HashMap}, and
 * Kong's {@code set_headers} walks a Lua table with {@code pairs}; neither keeps an order, so a removal and a set
 * of one name could land in either order and delete the verified value. A set already replaces every copy the
 * client sent, so a removal of a name that is also set is dropped; of two sets of one name the first is kept.
 */
final class HeaderChanges {

    private final List<String> removals = new ArrayList<>(4);
    private final List<HeaderChange> sets = new ArrayList<>(4);

    void remove(String name) {
        for (String removed : removals) {
            if (UpstreamHeaderName.sameHeader(removed, name)) {
                return;
            }
        }
        removals.add(name);
    }

    void set(String name, String value) {
        for (HeaderChange set : sets) {
            if (UpstreamHeaderName.sameHeader(set.name(), name)) {
                return;
            }
        }
        sets.add(HeaderChange.set(name, value));
    }

    List<HeaderChange> toList() {
        List<HeaderChange> out = new ArrayList<>(removals.size() + sets.size());
        for (String name : removals) {
            if (!isSet(name)) {
                out.add(HeaderChange.remove(name));
            }
        }
        out.addAll(sets);
        return List.copyOf(out);
    }

    private boolean isSet(String name) {
        for (HeaderChange set : sets) {
            if (UpstreamHeaderName.sameHeader(set.name(), name)) {
                return true;
            }
        }
        return false;
    }
}
