package dev.jwkgate.jws;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Map;

/** The group orders of the JWS curves, so a key is matched to its algorithm by its actual curve, not its label. */
public final class NamedCurves {

    private static final Map<String, BigInteger> ORDERS = Map.of(
            "P-256", orderOf("secp256r1"),
            "P-384", orderOf("secp384r1"),
            "P-521", orderOf("secp521r1"));

    private NamedCurves() {
    }

    /** The order of a JWS curve name ({@code P-256}, {@code P-384}, {@code P-521}); null for others. */
    public static BigInteger order(String jwsCurve) {
        return jwsCurve == null ? null : ORDERS.get(jwsCurve);
    }

    private static BigInteger orderOf(String stdName) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(stdName));
            return parameters.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 supports " + stdName, e);
        }
    }
}
