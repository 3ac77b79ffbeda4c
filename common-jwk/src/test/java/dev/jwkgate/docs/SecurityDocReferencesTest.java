package dev.jwkgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/SECURITY.md} names tests and controls that exist: a renamed test or class fails here, so the
 * threat model cannot silently point at nothing.
 */
class SecurityDocReferencesTest {

    private static final Path PROJECT = Path.of(System.getProperty("jwkgate.project.dir", ".."));
    private static final Pattern TEST_REFERENCE =
            Pattern.compile("`([A-Z][A-Za-z0-9]*)(?:\\.([A-Z][A-Za-z0-9]*))?#([a-z][A-Za-z0-9]*)`");
    private static final Pattern CONTROL_REFERENCE =
            Pattern.compile("`((?:audit|claims|config|gateway|json|jws(?:\\.[a-z]+)?|keys(?:\\.[a-z]+)?|net|result|token|source(?:\\.[a-z]+)?))\\.([A-Z][A-Za-z0-9]*)`");
    private static final Pattern FUZZ_TARGET = Pattern.compile("@FuzzTest\\s+(?:public\\s+)?void\\s+(\\w+)\\(");

    private static String doc;
    private static Map<String, Path> testSources;

    @BeforeAll
    static void read() throws IOException {
        doc = Files.readString(PROJECT.resolve("docs/SECURITY.md"));
        testSources = new TreeMap<>();
        try (Stream<Path> modules = Files.list(PROJECT)) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    files.filter(f -> f.toString().endsWith(".java"))
                            .forEach(f -> testSources.putIfAbsent(f.getFileName().toString().replace(".java", ""), f));
                }
            }
        }
    }

    @Test
    void everyNamedTestMethodExists() throws IOException {
        List<String> missing = new ArrayList<>();
        Matcher m = TEST_REFERENCE.matcher(doc);
        int references = 0;
        while (m.find()) {
            references++;
            Optional<String> source = source(m.group(1));
            String nested = m.group(2);
            boolean found = source.isPresent()
                    && (nested == null || source.get().contains("class " + nested + " "))
                    && source.get().matches("(?s).*\\bvoid " + m.group(3) + "\\(.*");
            if (!found) {
                missing.add(m.group());
            }
        }
        assertThat(references).isGreaterThan(100);
        assertThat(missing).as("tests named in SECURITY.md that do not exist").isEmpty();
    }

    @Test
    void everyNamedControlClassExists() {
        List<String> missing = new ArrayList<>();
        Matcher m = CONTROL_REFERENCE.matcher(doc);
        while (m.find()) {
            Path main = PROJECT.resolve("common-jwk/src/main/java/dev/jwkgate")
                    .resolve(m.group(1).replace('.', '/')).resolve(m.group(2) + ".java");
            if (!Files.isRegularFile(main)) {
                missing.add(m.group());
            }
        }
        assertThat(missing).as("classes named in SECURITY.md that do not exist").isEmpty();
    }

    @Test
    void everyAttackOfTheResearchTableHasARowWithTests() {
        for (int attack = 1; attack <= 21; attack++) {
            Matcher row = Pattern.compile("(?m)^\\| " + attack + " \\|.*$").matcher(doc);
            assertThat(row.find()).as("row for attack %d", attack).isTrue();
            assertThat(TEST_REFERENCE.matcher(row.group()).find()).as("a test for attack %d", attack).isTrue();
        }
    }

    @Test
    void everyFuzzTargetIsListed() throws IOException {
        List<String> unlisted = new ArrayList<>();
        for (Map.Entry<String, Path> test : testSources.entrySet()) {
            Matcher m = FUZZ_TARGET.matcher(Files.readString(test.getValue()));
            while (m.find()) {
                String reference = "`" + test.getKey() + "#" + m.group(1) + "`";
                if (!doc.contains(reference)) {
                    unlisted.add(reference);
                }
            }
        }
        assertThat(unlisted).as("fuzz targets missing from SECURITY.md").isEmpty();
    }

    private static Optional<String> source(String simpleName) throws IOException {
        Path file = testSources.get(simpleName);
        return file == null ? Optional.empty() : Optional.of(Files.readString(file));
    }
}
