package dev.jwkgate.it.gateways;

import dev.jwkgate.it.RunScoped;

/**
 * The real gateways, started once for the whole run (by the first class that needs them), stopped at its end; with
 * status ports, so a test can check the metrics of the traffic it sends.
 */
public final class SharedRealGateways extends RunScoped<RealGateways> {

    public SharedRealGateways() {
        super(RealGateways.class);
    }

    @Override
    protected RealGateways start() throws Exception {
        return RealGateways.startWithStatusPorts(java.util.List.of(), java.util.List.of());
    }
}
