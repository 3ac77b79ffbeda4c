package dev.jwkgate.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fixture started once for the whole test run, by the first class that needs it, closed when the run ends, and
 * handed to every test class that asks for it as a constructor or method parameter.
 *
 * @param <T> the fixture
 */
public abstract class RunScoped<T extends AutoCloseable> implements BeforeAllCallback, ParameterResolver {

    private final Class<T> type;

    protected RunScoped(Class<T> type) {
        this.type = type;
    }

    /** Starts the fixture (once per run). */
    protected abstract T start() throws Exception;

    private record Running(AutoCloseable fixture) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            fixture.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    private T running(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()))
                .getOrComputeIfAbsent(Running.class, key -> {
                    try {
                        return new Running(start());
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start the " + type.getSimpleName(), e);
                    }
                }, Running.class);
        return type.cast(running.fixture());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context);
    }
}
