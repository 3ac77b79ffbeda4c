package dev.jwkgate.supply;

import java.io.IOException;
import java.util.List;

/** Where the check learns which releases of a library exist and can be downloaded. */
public interface ReleaseRepository {

    /** Every version the repository lists for {@code group:name} (its {@code maven-metadata.xml}). */
    List<String> versions(String group, String name) throws IOException;

    /** Whether the jar of that version (and classifier, for native files) can be downloaded, not merely listed. */
    boolean hasJar(Sbom.Component component, String version) throws IOException;
}
