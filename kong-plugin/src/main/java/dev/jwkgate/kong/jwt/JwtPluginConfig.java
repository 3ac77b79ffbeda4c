package dev.jwkgate.kong.jwt;

import java.util.Map;

/**
 * A Kong configuration split into what the core decides on and what only routes requests here.
 *
 * @param coreSettings   core setting names to values, for {@code GatewayPolicies.policyFor}
 * @param runOnPreflight false lets OPTIONS requests pass without a token, as Kong's jwt plugin does
 */
record JwtPluginConfig(Map<String, Object> coreSettings, boolean runOnPreflight) {
}
