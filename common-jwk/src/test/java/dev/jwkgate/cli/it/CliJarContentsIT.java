package dev.jwkgate.cli.it;

import dev.jwkgate.support.JarContentsContract;
import dev.jwkgate.support.PackagedJar;
import dev.jwkgate.supply.PackageOwners;
import java.util.Map;

/** The runnable CLI jar carries the core and only the libraries it needs, as its SBOM lists them. */
class CliJarContentsIT implements JarContentsContract {

    private static final String SUBJECT = "dev.jwkgate:common-jwk";

    /** Every library the CLI jar may bundle, by the packages it owns: the core, its dependencies, and the SLF4J binding that prints to stderr. */
    private static final PackageOwners LIBRARIES = PackageOwners.of(Map.of(
            "dev/jwkgate/", SUBJECT,
            "org/jose4j/", "org.bitbucket.b_c:jose4j",
            "org/bouncycastle/", "org.bouncycastle:bcprov-jdk18on",
            "org/slf4j/", "org.slf4j:slf4j-api",
            "org/slf4j/simple/", "org.slf4j:slf4j-simple"));

    private static final PackagedJar JAR = PackagedJar.fromProperties("jwkgate.cli.jar");

    @Override
    public Deployable deployable() {
        return new Deployable(JAR, LIBRARIES, SUBJECT, "org/bouncycastle/");
    }
}
