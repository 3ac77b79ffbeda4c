package dev.jwkgate.jws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A per-thread engine is initialised again exactly when the key is another object, or after a failure. */
class KeyedEngineTest {

    /** Stands in for a Cipher or Signature: remembers every key it was initialised with. */
    private static final class RecordingEngine {
        final List<Key> inits = new ArrayList<>();
    }

    private final Key first = new SecretKeySpec(new byte[32], "HmacSHA256");
    private final Key equalButDistinct = new SecretKeySpec(new byte[32], "HmacSHA256");
    private final KeyedEngine<RecordingEngine> engines = new KeyedEngine<>(RecordingEngine::new,
            (engine, key) -> engine.inits.add(key));

    @Test
    void initialisesOnceForRepeatedUseOfTheSameKey() throws Exception {
        RecordingEngine engine = engines.initialisedWith(first);
        engines.initialisedWith(first);
        engines.initialisedWith(first);
        assertThat(engine.inits).containsExactly(first);
    }

    @Test
    void initialisesAgainForAnotherKeyObjectEvenWhenEqual() throws Exception {
        RecordingEngine engine = engines.initialisedWith(first);
        engines.initialisedWith(equalButDistinct);
        engines.initialisedWith(first);
        assertThat(engine.inits).hasSize(3).element(1).isSameAs(equalButDistinct);
    }

    @Test
    void initialisesAgainAfterForget() throws Exception {
        RecordingEngine engine = engines.initialisedWith(first);
        engines.forget();
        engines.initialisedWith(first);
        assertThat(engine.inits).containsExactly(first, first);
    }

    @Test
    void aFailedInitLeavesNoKeyBehind() throws Exception {
        List<Key> inits = new ArrayList<>();
        KeyedEngine<RecordingEngine> failingOnce = new KeyedEngine<>(RecordingEngine::new, (engine, key) -> {
            inits.add(key);
            if (key == equalButDistinct) {
                throw new InvalidKeyException("refused");
            }
        });
        failingOnce.initialisedWith(first);
        assertThatThrownBy(() -> failingOnce.initialisedWith(equalButDistinct)).isInstanceOf(GeneralSecurityException.class);
        failingOnce.initialisedWith(first);
        assertThat(inits).containsExactly(first, equalButDistinct, first);
    }

    @Test
    void eachThreadHasItsOwnEngine() throws Exception {
        RecordingEngine mine = engines.initialisedWith(first);
        RecordingEngine[] other = new RecordingEngine[1];
        Thread thread = new Thread(() -> {
            try {
                other[0] = engines.initialisedWith(first);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        thread.join();
        assertThat(other[0]).isNotSameAs(mine);
        assertThat(other[0].inits).containsExactly(first);
    }
}
