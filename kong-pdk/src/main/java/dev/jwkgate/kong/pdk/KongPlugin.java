package dev.jwkgate.kong.pdk;

/**
 * One configured instance of a plugin: a handler per phase, each running on the thread of the Kong
 * connection that delivered the event. Only the phases listed in the {@link PluginDefinition} are called.
 *
 * <p>An exception thrown by a handler becomes a logged {@code kong.log.err} and a 500 answer, never a pass.
 */
public interface KongPlugin {

    default void certificate(Kong kong) {
    }

    default void rewrite(Kong kong) {
    }

    default void access(Kong kong) {
    }

    default void response(Kong kong) {
    }

    default void preread(Kong kong) {
    }

    default void log(Kong kong) {
    }

    /**
     * Called once when the instance is gone: Kong closed it (CloseInstance from every worker that started it, as
     * Kong does after starting the instance of a changed configuration) and its last running event ended. Release
     * here what {@link PluginDefinition#newInstance} acquired. An exception is logged and otherwise ignored.
     */
    default void close() {
    }
}
