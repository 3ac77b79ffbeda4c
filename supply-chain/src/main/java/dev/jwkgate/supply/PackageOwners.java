package dev.jwkgate.supply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The allow-list of a flat jar: which library each entry comes from, told by the path prefixes each allowed
 * library owns (the longest matching prefix wins, so a module's own package can sit inside the core's).
 * {@code META-INF/} belongs to the jar itself; classes under {@code META-INF/versions/N/} to their package's owner.
 */
public final class PackageOwners {

    private final Map<String, String> libraryByPrefix;

    private PackageOwners(Map<String, String> libraryByPrefix) {
        this.libraryByPrefix = libraryByPrefix;
    }

    /** Path prefix (e.g. {@code org/jose4j/}) to the key of the library that owns it (e.g. {@code org.bitbucket.b_c:jose4j}). */
    public static PackageOwners of(Map<String, String> libraryByPrefix) {
        return new PackageOwners(new LinkedHashMap<>(libraryByPrefix));
    }

    /** The library an entry comes from; empty for an entry no allowed library owns. */
    public Optional<String> ownerOf(String entry) {
        String path = entry.matches("META-INF/versions/\\d+/.+\\.class") ? entry.replaceFirst("META-INF/versions/\\d+/", "") : entry;
        String best = null;
        for (String prefix : libraryByPrefix.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best).map(libraryByPrefix::get);
    }

    /** Files (not directories, not the jar's own {@code META-INF/} metadata) that no allowed library owns. */
    public List<String> unowned(Collection<String> entries) {
        return entries.stream()
                .filter(entry -> !entry.endsWith("/"))
                .filter(entry -> ownerOf(entry).isEmpty())
                .filter(entry -> !entry.startsWith("META-INF/") || entry.endsWith(".class"))
                .sorted()
                .collect(Collectors.toList());
    }

    /** Allowed libraries that own no file in the jar. */
    public Set<String> absent(Collection<String> entries) {
        Set<String> present = entries.stream()
                .filter(entry -> !entry.endsWith("/"))
                .map(this::ownerOf)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        Set<String> absent = new TreeSet<>(libraryByPrefix.values());
        absent.removeAll(present);
        return absent;
    }

    /**
     * Everything that keeps a flat jar and its SBOM from matching this allow-list, one line each: a file no allowed
     * library owns, an allowed library the jar lacks, an SBOM that describes another deployable or lists other
     * components than the allowed libraries besides the deployable itself. Empty when all match.
     */
    public List<String> mismatches(Collection<String> entries, Sbom sbom, String subject) {
        List<String> mismatches = new ArrayList<>();
        unowned(entries).forEach(file -> mismatches.add("no allowed library owns " + file));
        absent(entries).forEach(library -> mismatches.add("allowed but not in the jar: " + library));
        if (!sbom.subject().key().equals(subject)) {
            mismatches.add("the SBOM describes " + sbom.subject().key() + ", not " + subject);
        }
        Set<String> expected = librariesBesides(subject);
        sbom.componentKeys().stream().filter(key -> !expected.contains(key))
                .forEach(key -> mismatches.add("the SBOM lists a library not in the jar's allow-list: " + key));
        expected.stream().filter(key -> !sbom.componentKeys().contains(key))
                .forEach(key -> mismatches.add("the SBOM misses an allowed library: " + key));
        return mismatches;
    }

    /** Every allowed library but the given one (the deployable itself, which its SBOM names apart), sorted. */
    public Set<String> librariesBesides(String subject) {
        Set<String> libraries = new TreeSet<>(libraryByPrefix.values());
        libraries.remove(subject);
        return libraries;
    }
}
