package dev.jwkgate.keycloak.it.cluster;

import dev.jwkgate.keycloak.it.KeycloakServer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rotation audit lines in the servers' logs: one per stored transition, written after the commit. */
public final class AuditLines {

    /** One audit line: which node logged it, the event, the key, the component. */
    public record Line(int node, String event, String kid, String realm, String component) {
    }

    private static final Pattern LINE = Pattern.compile(
            "jwkgate-key-rotation event=(\\w+) kid=(\\S+) alg=\\S+ at=\\S+ why=\"[^\"]*\" realm=(\\S+) component=(\\S+) revision=\\d+");

    private AuditLines() {
    }

    /** Every audit line of {@code realm} in the nodes' logs (node numbers from 1). */
    public static List<Line> of(List<KeycloakServer> nodes, String realm) {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Matcher m = LINE.matcher(nodes.get(i).log());
            while (m.find()) {
                if (m.group(3).equals(realm)) {
                    out.add(new Line(i + 1, m.group(1), m.group(2), m.group(3), m.group(4)));
                }
            }
        }
        return out;
    }

    public static long count(List<Line> lines, String event, String kid) {
        return lines.stream().filter(l -> l.event().equals(event) && l.kid().equals(kid)).count();
    }
}
