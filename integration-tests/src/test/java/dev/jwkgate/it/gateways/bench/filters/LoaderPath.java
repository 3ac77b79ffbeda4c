package dev.jwkgate.it.gateways.bench.filters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory for the APISIX runner's {@code -Dloader.path}: the baseline filters and the Spring Boot
 * auto-configuration ({@code META-INF/spring.factories}) that registers them, as any extra filter is added to the
 * unchanged runner jar. Only the class files of the filters go in, nothing else of the test class path.
 */
public final class LoaderPath {

    private LoaderPath() {
    }

    /** Writes {@link PassThroughFilter} and {@link RewriteOneHeaderFilter}, registered, into {@code dir}; returns it. */
    public static Path withBaselineFilters(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("META-INF"));
        Files.writeString(dir.resolve("META-INF/spring.factories"),
                "org.springframework.boot.autoconfigure.EnableAutoConfiguration="
                        + PassThroughFilterConfiguration.class.getName() + "\n");
        for (Class<?> type : List.of(PassThroughFilter.class, PassThroughFilterConfiguration.class,
                RewriteOneHeaderFilter.class)) {
            copyClass(type, dir);
        }
        return dir;
    }

    /** Copies one class's class file under {@code root}, where a class path directory holds it. */
    public static void copyClass(Class<?> type, Path root) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        Path target = root.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
