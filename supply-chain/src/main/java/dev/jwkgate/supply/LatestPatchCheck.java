package dev.jwkgate.supply;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fails when a library bundled in a deployable is behind the newest patch release of its line that the repository
 * lists and serves, unless the committed exceptions hold it there with a reason; reports newer lines, and fails on
 * an exception that no longer applies, so the list stays true. The bundled libraries are read from the
 * deployables' SBOMs, which their jar-contents tests hold to the jars.
 */
public final class LatestPatchCheck {

    /** What the check found for one bundled library. */
    public record Finding(Sbom.Component component, String newestPatch, String newerLine, String note, boolean fails) {
    }

    private final ReleaseRepository repository;
    private final DeliberateExceptions exceptions;

    public LatestPatchCheck(ReleaseRepository repository, DeliberateExceptions exceptions) {
        this.repository = repository;
        this.exceptions = exceptions;
    }

    /** Checks each distinct library once; jwkgate's own modules are not looked up. */
    public List<Finding> check(List<Sbom.Component> bundled) throws IOException {
        Map<String, Sbom.Component> distinct = new LinkedHashMap<>();
        for (Sbom.Component component : bundled) {
            if (!component.group().equals("dev.jwkgate")) {
                distinct.putIfAbsent(component.key() + "@" + component.version(), component);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Sbom.Component component : distinct.values()) {
            findings.add(check(component));
        }
        Set<String> keys = distinct.values().stream().map(Sbom.Component::key).collect(Collectors.toSet());
        for (DeliberateExceptions.Hold hold : exceptions.all()) {
            if (!keys.contains(hold.component())) {
                findings.add(new Finding(new Sbom.Component(hold.component(), "", "", hold.heldAt()), "", "",
                        "exception for a library no deployable bundles: remove it", true));
            }
        }
        return findings;
    }

    private Finding check(Sbom.Component component) throws IOException {
        ReleaseVersion current = ReleaseVersion.parse(component.version());
        List<ReleaseVersion> newer = repository.versions(component.group(), component.name()).stream()
                .map(ReleaseVersion::parse)
                .filter(release -> !release.isPreRelease() && release.compareTo(current) > 0)
                .sorted(Comparator.reverseOrder())
                .toList();
        ReleaseVersion newestPatch = current;
        for (ReleaseVersion release : newer) {
            if (release.sameLine(current) && repository.hasJar(component, release.text())) {
                newestPatch = release;
                break;
            }
        }
        Optional<ReleaseVersion> newerLine = newer.stream()
                .filter(release -> !release.majorMinor().equals(current.majorMinor()) && release.qualifier().equals(current.qualifier()))
                .findFirst();

        List<String> notes = new ArrayList<>();
        boolean fails = false;
        Optional<DeliberateExceptions.Hold> versionHold = exceptions.versionHold(component.key());
        if (newestPatch != current) {
            if (versionHold.isPresent() && versionHold.get().heldAt().equals(current.text())) {
                notes.add("held at " + current + ": " + versionHold.get().reason());
            } else {
                notes.add("BEHIND: " + newestPatch + " is out; raise it, or hold it in the exceptions with a reason");
                fails = true;
            }
        } else if (versionHold.isPresent()) {
            notes.add("exception 'version " + versionHold.get().heldAt() + "' no longer applies: remove it");
            fails = true;
        }
        Optional<DeliberateExceptions.Hold> lineHold = exceptions.lineHold(component.key());
        if (lineHold.isPresent() && !lineHold.get().heldAt().equals(current.majorMinor())) {
            notes.add("exception 'line " + lineHold.get().heldAt() + "' names another line than " + current.majorMinor() + ": fix it");
            fails = true;
        } else if (lineHold.isPresent() && newerLine.isEmpty()) {
            notes.add("exception 'line " + lineHold.get().heldAt() + "' no longer applies (no newer line): remove it");
            fails = true;
        } else if (lineHold.isPresent()) {
            notes.add("line " + current.majorMinor() + " held: " + lineHold.get().reason());
        } else if (newerLine.isPresent()) {
            notes.add("newer line " + newerLine.get().majorMinor() + " (not held: consider moving)");
        }
        return new Finding(component, newestPatch.text(), newerLine.map(ReleaseVersion::text).orElse(""),
                String.join("; ", notes), fails);
    }

    /** The SBOMs the build wrote next to the deployables: {@code <module>/target/*.cdx.json}. */
    static List<Path> sbomsUnder(Path projectDir) throws IOException {
        try (Stream<Path> modules = Files.list(projectDir)) {
            List<Path> sboms = new ArrayList<>();
            for (Path target : modules.map(module -> module.resolve("target")).filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(target)) {
                    files.filter(file -> file.getFileName().toString().endsWith(".cdx.json")).sorted().forEach(sboms::add);
                }
            }
            return sboms;
        }
    }

    /** {@code LatestPatchCheck <repository URL> <exceptions file> <project dir>}; exits 1 when anything fails. */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        ReleaseRepository repository = new MavenCentral(args[0]);
        DeliberateExceptions exceptions = DeliberateExceptions.read(Path.of(args[1]));
        List<Path> sboms = sbomsUnder(Path.of(args[2]));
        if (sboms.isEmpty()) {
            out.println("latest-patch check: no <module>/target/*.cdx.json under " + args[2] + ": package the deployables first");
            System.exit(1);
        }
        List<Sbom.Component> bundled = new ArrayList<>();
        Set<String> deployables = new LinkedHashSet<>();
        for (Path sbom : sboms) {
            Sbom read = Sbom.read(sbom);
            deployables.add(sbom.getFileName().toString());
            bundled.addAll(read.components());
        }
        List<Finding> findings = new LatestPatchCheck(repository, exceptions).check(bundled);
        out.println("latest-patch check of " + String.join(", ", deployables) + " against " + args[0]);
        out.printf("%-62s %-16s %-16s %s%n", "library", "bundled", "newest patch", "");
        for (Finding finding : findings) {
            out.printf("%-62s %-16s %-16s %s%n", finding.component().key(), finding.component().version(),
                    finding.newestPatch(), finding.note());
        }
        long failed = findings.stream().filter(Finding::fails).count();
        out.println("supply-chain: " + (findings.size() - failed) + " passed, " + failed + " failed");
        if (failed > 0) {
            System.exit(1);
        }
    }
}
