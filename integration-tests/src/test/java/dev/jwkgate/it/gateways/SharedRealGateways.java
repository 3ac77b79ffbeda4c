package dev.jwkgate.it.gateways;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The real gateways, started once for the whole run (by the first class that needs them), stopped at its end. */
public final class SharedRealGateways implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedRealGateways.class);

    private record Running(RealGateways gateways) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
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
                return new Running(RealGateways.start());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the real gateways", e);
            }
        }, Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealGateways.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).gateways();
    }
}
