package dev.jwkgate.it.gateways;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a real Apache APISIX 3.18 and a real Kong 3.9.1 are installed, read from the {@code JWKGATE_*} variables
 * the README documents, else from the default prefix {@code /opt/jwkgate-gateways} when an install is there.
 *
 * <p>APISIX is run from a home of its own per test run ({@code apisix/} and {@code deps/} linked from
 * {@code JWKGATE_APISIX_HOME}, {@code conf/} copied), as {@code APISIX_HOME_DIR=<home> $JWKGATE_APISIX_BIN start};
 * Kong as {@code $JWKGATE_KONG_BIN start -c kong.conf -p <prefix>}. Java is named by absolute path in the
 * gateways' configuration, because nginx passes almost no environment to the processes it spawns.
 */
public record GatewayInstall(Path apisixHome, Path apisixBin, Path kongBin, Path java) {

    /** Where the install is looked for when the variables are unset. */
    static final Path DEFAULT_PREFIX = Path.of("/opt/jwkgate-gateways");

    /** What the real-gateway tests, benchmarks and the demo look for. */
    public static final String WHAT = "a real Apache APISIX 3.18.0 and Kong 3.9.1, found through JWKGATE_APISIX_HOME, "
            + "JWKGATE_APISIX_BIN and JWKGATE_KONG_BIN (and JWKGATE_JAVA) or under " + DEFAULT_PREFIX;

    /** How to get them. */
    public static final String HOW_TO_GET_THEM = "both gateways and set those variables as README.md, \"Tests against the "
            + "real gateways\", shows, or run .ci/run, which builds both";

    /** The install, or an exception saying what is missing and how to get it. */
    public static GatewayInstall require() {
        return find().orElseThrow(() -> new IllegalStateException("no " + WHAT + " (missing: "
                + String.join(", ", missing()) + "); install " + HOW_TO_GET_THEM));
    }

    /** The install named by the environment, or found at the default prefix; empty when either gateway is missing. */
    public static Optional<GatewayInstall> find() {
        return find(System.getenv());
    }

    static Optional<GatewayInstall> find(Map<String, String> env) {
        Path prefix = Path.of(env.getOrDefault("JWKGATE_GATEWAYS_HOME", DEFAULT_PREFIX.toString()));
        Path apisixHome = path(env, "JWKGATE_APISIX_HOME", prefix.resolve("apisix"));
        Path apisixBin = path(env, "JWKGATE_APISIX_BIN", prefix.resolve("bin/apisix"));
        Path kongBin = path(env, "JWKGATE_KONG_BIN", prefix.resolve("bin/kong"));
        Path java = path(env, "JWKGATE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java"));
        if (!Files.isDirectory(apisixHome.resolve("apisix")) || !Files.isDirectory(apisixHome.resolve("deps"))
                || !Files.isExecutable(apisixBin) || !Files.isExecutable(kongBin) || !Files.isExecutable(java)) {
            return Optional.empty();
        }
        return Optional.of(new GatewayInstall(apisixHome, apisixBin, kongBin, realPath(java)));
    }

    /** What is missing, for the messages of a run without the gateways. */
    public static List<String> missing() {
        return missing(System.getenv());
    }

    static List<String> missing(Map<String, String> env) {
        Path prefix = Path.of(env.getOrDefault("JWKGATE_GATEWAYS_HOME", DEFAULT_PREFIX.toString()));
        List<String> missing = new ArrayList<>();
        Path apisixHome = path(env, "JWKGATE_APISIX_HOME", prefix.resolve("apisix"));
        if (!Files.isDirectory(apisixHome.resolve("apisix"))) {
            missing.add("APISIX home " + apisixHome + " (JWKGATE_APISIX_HOME)");
        }
        if (!Files.isExecutable(path(env, "JWKGATE_APISIX_BIN", prefix.resolve("bin/apisix")))) {
            missing.add("APISIX CLI " + path(env, "JWKGATE_APISIX_BIN", prefix.resolve("bin/apisix")) + " (JWKGATE_APISIX_BIN)");
        }
        if (!Files.isExecutable(path(env, "JWKGATE_KONG_BIN", prefix.resolve("bin/kong")))) {
            missing.add("Kong CLI " + path(env, "JWKGATE_KONG_BIN", prefix.resolve("bin/kong")) + " (JWKGATE_KONG_BIN)");
        }
        return missing;
    }

    private static Path path(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }

    /** nginx workers exec this path: resolve the alternatives symlinks once. */
    private static Path realPath(Path java) {
        try {
            return java.toRealPath();
        } catch (java.io.IOException e) {
            return java.toAbsolutePath();
        }
    }
}
