package dev.jwkgate.jws;

import java.util.EnumMap;
import java.util.Map;

/** The {@link SignatureCheck} of every {@link JwsAlgorithm}, shared by all validators (they hold only per-thread engines). */
public final class SignatureChecks {

    private static final Map<JwsAlgorithm, SignatureCheck> CHECKS = new EnumMap<>(JwsAlgorithm.class);

    static {
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            CHECKS.put(alg, create(alg));
        }
    }

    private SignatureChecks() {
    }

    public static SignatureCheck forAlgorithm(JwsAlgorithm algorithm) {
        return CHECKS.get(algorithm);
    }

    private static SignatureCheck create(JwsAlgorithm alg) {
        switch (alg.family()) {
            case RSA:
                int bits = Integer.parseInt(alg.jwsName().substring(2));
                return alg.jwsName().startsWith("PS") ? new RsaPssSignatureCheck(alg.jwsName(), bits)
                        : RsaPkcs1SignatureCheck.forBits(alg.jwsName(), bits);
            case EC:
                return new EcdsaSignatureCheck(alg.jwsName(), "SHA-" + alg.jwsName().substring(2),
                        alg.fixedSignatureLength());
            case OKP:
                return new EdDsaSignatureCheck();
            case OCT:
                return new HmacSignatureCheck(alg.jwsName(), alg.jcaName(), alg.fixedSignatureLength());
            default:
                throw new IllegalStateException("no signature check for " + alg);
        }
    }
}
