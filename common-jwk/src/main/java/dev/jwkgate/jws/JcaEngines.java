package dev.jwkgate.jws;

import java.security.GeneralSecurityException;
import java.security.Signature;
import javax.crypto.Mac;

/** Creates JCA engines; every algorithm used here is mandatory in JDK 17, so a failure is a broken runtime. */
final class JcaEngines {

    private JcaEngines() {
    }

    static Signature signature(String jcaName) {
        try {
            return Signature.getInstance(jcaName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    static Mac mac(String jcaName) {
        try {
            return Mac.getInstance(jcaName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }
}
