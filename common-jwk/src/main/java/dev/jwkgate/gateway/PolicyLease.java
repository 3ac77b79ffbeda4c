package dev.jwkgate.gateway;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One holder's use of a shared {@link GatewayPolicy} (a Kong plugin instance, an APISIX route conf), from
 * {@link GatewayPolicies#acquire}. Closing it releases that use, once however often it is called; when no holder
 * is left, the policy is closed and its key sources released.
 */
public final class PolicyLease implements AutoCloseable {

    private final GatewayPolicy policy;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    PolicyLease(GatewayPolicy policy, Runnable release) {
        this.policy = policy;
        this.release = release;
    }

    /** A lease on a policy its holder has alone: closing it closes the policy (tests, embedding). */
    public static PolicyLease unshared(GatewayPolicy policy) {
        return new PolicyLease(policy, policy::close);
    }

    public GatewayPolicy policy() {
        return policy;
    }

    /** Releases this use; only the first call counts. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
