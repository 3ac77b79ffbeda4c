package dev.jwkgate.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${env:NAME}} and {@code ${file:/path}} inside the value of a secret setting ({@link Setting#secret()}), so
 * secrets stay out of etcd, Kong's database and declarative files: each reference is replaced by the environment
 * variable's value or the file's content (UTF-8, one trailing line break removed, as secret files mounted by
 * Kubernetes or Docker usually end), when a configuration is read from a map. Several references and surrounding
 * text may mix ({@code Bearer ${env:JWKS_TOKEN}}). A reference that cannot be resolved is refused naming the
 * reference, never a value; resolved values are never logged ({@link JwkGateConfig#toString()} masks them).
 */
public final class SecretReferences {

    /** A file bigger than this is not a secret but a mistake (a key store is a file setting, not a reference). */
    static final int MAX_FILE_BYTES = 65_536;

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private final Function<String, String> environment;

    /** References resolved against this process's environment and file system. */
    public static SecretReferences system() {
        return new SecretReferences(System::getenv);
    }

    SecretReferences(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Whether the text holds a reference. */
    public static boolean refersToSecret(String text) {
        return text != null && REFERENCE.matcher(text).find();
    }

    /**
     * The value with every reference replaced; a string, or each value of a map of strings (map keys are names,
     * never resolved). Other values are returned as they are.
     *
     * @throws ConfigException naming the setting and the reference that cannot be resolved
     */
    Object resolve(Setting setting, Object value) {
        if (value instanceof String) {
            return resolve(setting.settingName(), (String) value);
        }
        if (value instanceof Map) {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            ((Map<?, ?>) value).forEach((key, item) -> {
                try {
                    resolved.put(key, item instanceof String
                            ? resolve(setting.settingName() + "." + key, (String) item) : item);
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            });
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return resolved;
        }
        return value;
    }

    private String resolve(String name, String text) {
        Matcher matcher = REFERENCE.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            String reference = matcher.group();
            String target = matcher.group(2);
            String secret = matcher.group(1).equals("env") ? fromEnvironment(name, reference, target)
                    : fromFile(name, reference, target);
            matcher.appendReplacement(out, Matcher.quoteReplacement(secret));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    private String fromEnvironment(String name, String reference, String variable) {
        if (variable.isEmpty()) {
            throw new ConfigException(name + ": " + reference + " names no environment variable");
        }
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(name + ": " + reference + " is not set in the environment");
        }
        return value;
    }

    private static String fromFile(String name, String reference, String file) {
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            throw new ConfigException(name + ": " + reference + " must name an absolute path");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new ConfigException(name + ": " + reference + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigException(name + ": " + reference + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(name + ": " + reference + " is not UTF-8 text");
        }
        content = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        if (content.isEmpty()) {
            throw new ConfigException(name + ": " + reference + " is empty");
        }
        return content;
    }
}
