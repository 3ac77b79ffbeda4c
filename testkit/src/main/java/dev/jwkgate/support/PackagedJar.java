package dev.jwkgate.support;

import dev.jwkgate.supply.PackageOwners;
import dev.jwkgate.supply.Sbom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * A deployable as its jar-contents test reads it: the jar, the names of its entries, and the CycloneDX SBOM the build
 * wrote beside it.
 */
public record PackagedJar(Path path, List<String> entries, Sbom sbom) {

    /**
     * The jar at the path system property {@code jarProperty} names, with the SBOM {@code jwkgate.sbom} names (the
     * module's failsafe configuration sets both).
     */
    public static PackagedJar fromProperties(String jarProperty) {
        try {
            return read(Path.of(System.getProperty(jarProperty)), "jwkgate.sbom");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jar " + jarProperty + " names", e);
        }
    }

    /** Reads the jar and the SBOM at the path the system property names (the module's failsafe configuration sets it). */
    public static PackagedJar read(Path jar, String sbomProperty) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return new PackagedJar(jar, file.stream().map(ZipEntry::getName).toList(),
                    Sbom.read(Path.of(System.getProperty(sbomProperty))));
        }
    }

    /** What the jar holds that these library owners or the SBOM do not account for, and the reverse. */
    public List<String> mismatches(PackageOwners libraries, String subject) {
        return libraries.mismatches(entries, sbom, subject);
    }

    /** The jar's location, for a class loader of its own. */
    public URL url() throws MalformedURLException {
        return path.toUri().toURL();
    }
}
