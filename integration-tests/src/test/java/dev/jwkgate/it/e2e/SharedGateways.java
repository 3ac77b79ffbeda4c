package dev.jwkgate.it.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Both gateways started once for the whole run (the first class that needs them), stopped at its end. */
public final class SharedGateways implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedGateways.class);

    private record Running(Gateways gateways) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            gateways.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> {
            try {
                return new Running(Gateways.start());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the gateways", e);
            }
        }, Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Gateways.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).gateways();
    }
}
