package dev.jwkgate.supply;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A deployable's CycloneDX SBOM as the jar-contents tests and the latest-patch check read it: the deployable itself ({@code metadata.component})
 * and the Maven components it lists, by their original coordinates (shaded and relocated ones included).
 */
public final class Sbom {

    /** One Maven component: {@code group:name[:classifier]} and its version, as its package URL names it. */
    public record Component(String group, String name, String classifier, String version) {

        /** {@code group:name}, or {@code group:name:classifier} for a classified file such as a native library. */
        public String key() {
            return classifier.isEmpty() ? group + ":" + name : group + ":" + name + ":" + classifier;
        }

        /** The file name Maven gives this component's jar: {@code name-version[-classifier].jar}. */
        public String jarFileName() {
            return name + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
        }

        static Component fromPurl(String purl) {
            // pkg:maven/<group>/<name>@<version>?classifier=<c>&type=jar (CycloneDX Maven plugin, purl spec)
            if (!purl.startsWith("pkg:maven/")) {
                throw new IllegalArgumentException("not a Maven package URL: " + purl);
            }
            String rest = purl.substring("pkg:maven/".length());
            String qualifiers = "";
            int question = rest.indexOf('?');
            if (question >= 0) {
                qualifiers = rest.substring(question + 1);
                rest = rest.substring(0, question);
            }
            int at = rest.lastIndexOf('@');
            int slash = rest.indexOf('/');
            String group = rest.substring(0, slash);
            String name = rest.substring(slash + 1, at);
            String version = URLDecoder.decode(rest.substring(at + 1), StandardCharsets.UTF_8);
            String classifier = "";
            for (String qualifier : qualifiers.split("&")) {
                if (qualifier.startsWith("classifier=")) {
                    classifier = qualifier.substring("classifier=".length());
                }
            }
            return new Component(group, name, classifier, version);
        }
    }

    private final Component subject;
    private final List<Component> components;

    /** An SBOM of the given deployable and components, as {@link #read} returns it. */
    public Sbom(Component subject, List<Component> components) {
        this.subject = subject;
        this.components = components;
    }

    /** Reads a CycloneDX JSON SBOM; every component must carry a Maven package URL. */
    @SuppressWarnings("unchecked")
    public static Sbom read(Path file) throws IOException {
        Map<String, Object> bom;
        try {
            bom = JsonUtil.parseJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new IOException("not JSON: " + file, e);
        }
        if (!"CycloneDX".equals(bom.get("bomFormat"))) {
            throw new IOException("not a CycloneDX SBOM: " + file);
        }
        Map<String, Object> metadata = (Map<String, Object>) bom.get("metadata");
        Component subject = Component.fromPurl((String) ((Map<String, Object>) metadata.get("component")).get("purl"));
        List<Component> components = new ArrayList<>();
        for (Object component : (List<Object>) bom.getOrDefault("components", List.of())) {
            components.add(Component.fromPurl((String) ((Map<String, Object>) component).get("purl")));
        }
        return new Sbom(subject, List.copyOf(components));
    }

    /** The deployable the SBOM describes. */
    public Component subject() {
        return subject;
    }

    public List<Component> components() {
        return components;
    }

    /** The listed components' keys ({@code group:name[:classifier]}), sorted. */
    public Set<String> componentKeys() {
        return components.stream().map(Component::key).collect(Collectors.toCollection(TreeSet::new));
    }
}
