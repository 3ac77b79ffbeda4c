package dev.jwkgate.it.e2e;

import dev.jwkgate.it.RunScoped;

/** Both gateways started once for the whole run (the first class that needs them), stopped at its end. */
public final class SharedGateways extends RunScoped<Gateways> {

    public SharedGateways() {
        super(Gateways.class);
    }

    @Override
    protected Gateways start() throws Exception {
        return Gateways.start();
    }
}
