package dev.jwkgate.cli;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.KongPluginConfig;
import dev.jwkgate.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jwkgate check-config}: a configuration checked the way the gateway will read it, before it is deployed
 * (for CI pipelines). Kong: the plugin entity ({@code {"name": ..., "config": {...}}}) or its {@code config}, with
 * {@code --kong}. APISIX: a route (or plugin list) whose {@code ext-plugin-*} confs name the filter, or with
 * {@code --apisix-conf} one conf value. Every problem is printed, one per line; exit 0 when there is none.
 * Secret references ({@code ${env:...}}, {@code ${file:...}}) are resolved against this machine, as the gateway
 * would against its own.
 */
final class CheckConfigCommand {

    /** The APISIX plugins that carry ext-plugin confs. */
    private static final List<String> EXT_PLUGINS = List.of("ext-plugin-pre-req", "ext-plugin-post-req",
            "ext-plugin-post-resp");
    private static final int MAX_DEPTH = 32;

    private final PrintStream out;
    private final InputStream in;

    CheckConfigCommand(PrintStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    int run(String[] args) throws CliArguments.UsageException, IOException {
        String file = null;
        String filter = "jwkgate";
        boolean kong = false;
        boolean apisixConf = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kong" -> kong = true;
                case "--apisix-conf" -> apisixConf = true;
                case "--filter" -> {
                    if (++i == args.length) {
                        throw new CliArguments.UsageException("--filter needs the filter's name");
                    }
                    filter = args[i];
                }
                default -> {
                    if (file != null || args[i].startsWith("--") && !args[i].equals("-")) {
                        throw new CliArguments.UsageException("check-config: unexpected argument " + args[i]);
                    }
                    file = args[i];
                }
            }
        }
        if (file == null) {
            throw new CliArguments.UsageException("check-config needs a file, or - for standard input");
        }
        String text = file.equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                : CliFiles.read("configuration", file);
        List<String> problems = new ArrayList<>();
        Map<String, Object> document;
        try {
            document = JsonText.parseObject(text, MAX_DEPTH);
        } catch (JsonText.InvalidJsonException e) {
            out.println("problem: the file is not one JSON object: " + e.getMessage());
            return JwkGateCli.REFUSED;
        }
        int checked;
        if (kong) {
            checked = 1;
            checkKong(document, problems);
        } else if (apisixConf) {
            checked = 1;
            checkCoreSettings("conf", document, problems);
        } else {
            checked = checkApisixRoute(document, filter, problems);
        }
        problems.forEach(p -> out.println("problem: " + p));
        if (problems.isEmpty()) {
            out.println("ok: " + checked + " configuration" + (checked == 1 ? "" : "s") + " checked");
            return JwkGateCli.OK;
        }
        return JwkGateCli.REFUSED;
    }

    @SuppressWarnings("unchecked")
    private static void checkKong(Map<String, Object> document, List<String> problems) {
        Object config = document.containsKey("config") && document.get("config") instanceof Map
                ? document.get("config") : document;
        try {
            Map<String, Object> core = KongPluginConfig.toCore(withoutNulls((Map<String, Object>) config));
            JwkGateConfig.fromMap(core, ConfigProfile.GATEWAY);
        } catch (ConfigException e) {
            problems.addAll(KongPluginConfig.inKongNames(e).problems());
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> config) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(config);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    private static void checkCoreSettings(String where, Map<String, Object> settings, List<String> problems) {
        try {
            JwkGateConfig.fromMap(settings, ConfigProfile.GATEWAY);
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add(where + ": " + p));
        }
    }

    /** @return how many of the filter's confs were checked */
    private static int checkApisixRoute(Map<String, Object> route, String filter, List<String> problems) {
        Object plugins = route.containsKey("plugins") ? route.get("plugins") : route;
        if (!(plugins instanceof Map)) {
            problems.add("plugins: expected an object");
            return 0;
        }
        int checked = 0;
        for (String plugin : EXT_PLUGINS) {
            Object ext = ((Map<?, ?>) plugins).get(plugin);
            if (ext == null) {
                continue;
            }
            Object confs = ext instanceof Map ? ((Map<?, ?>) ext).get("conf") : null;
            if (!(confs instanceof List)) {
                problems.add(plugin + ".conf: expected a list of {name, value}");
                continue;
            }
            int ours = 0;
            List<?> list = (List<?>) confs;
            for (int i = 0; i < list.size(); i++) {
                String where = plugin + ".conf[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> conf) || !(conf.get("name") instanceof String name)) {
                    problems.add(where + ": expected {\"name\": ..., \"value\": ...}");
                    continue;
                }
                if (!name.equals(filter)) {
                    // the runner refuses (500) a conf naming a filter it does not have, so the route would never pass
                    problems.add(where + ": names filter '" + name + "', which the jwkgate runner does not have");
                    continue;
                }
                if (++ours > 1) {
                    problems.add(where + ": names '" + filter + "' again; the runner refuses a conf naming it twice");
                    continue;
                }
                checked++;
                if (!(conf.get("value") instanceof String value)) {
                    problems.add(where + ".value: expected the settings as JSON text");
                    continue;
                }
                try {
                    checkCoreSettings(where + ".value", JsonText.parseObject(value, MAX_DEPTH), problems);
                } catch (JsonText.InvalidJsonException e) {
                    problems.add(where + ".value: not one JSON object: " + e.getMessage());
                }
            }
        }
        if (checked == 0 && problems.isEmpty()) {
            problems.add("no ext-plugin conf names filter '" + filter + "'; nothing on this route runs jwkgate");
        }
        return checked;
    }
}
