package dev.jwkgate.jws;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.function.Supplier;

/**
 * One JCA engine (a {@code Cipher}, {@code Signature} or {@code Mac}) per thread that is initialised again only when
 * the key changes. The JCA contract puts a {@code Cipher} or {@code Mac} after {@code doFinal} and a
 * {@code Signature} after {@code verify} back in the state their last {@code init} left them in, so a gateway
 * checking token after token against the same key pays the key setup (RSA buffers, padding objects, HMAC pads,
 * provider checks) once per thread instead of once per token. The key is compared by identity: only the very object the engine was initialised with counts.
 *
 * <p>A caller whose use of the engine throws must call {@link #forget()}: the next use then initialises afresh
 * rather than trusting whatever state the failure left behind.
 *
 * @param <E> the engine type
 */
final class KeyedEngine<E> {

    /** Initialises an engine for a key ({@code cipher.init}, {@code signature.initVerify}). */
    @FunctionalInterface
    interface Initialiser<E> {
        void init(E engine, Key key) throws GeneralSecurityException;
    }

    /** The thread's engine and the key it is initialised with (null: not initialised, or forgotten). */
    private static final class Slot<E> {
        final E engine;
        Key key;

        Slot(E engine) {
            this.engine = engine;
        }
    }

    private final ThreadLocal<Slot<E>> slots;
    private final Initialiser<E> initialiser;

    KeyedEngine(Supplier<E> factory, Initialiser<E> initialiser) {
        this.slots = ThreadLocal.withInitial(() -> new Slot<>(factory.get()));
        this.initialiser = initialiser;
    }

    /** This thread's engine, initialised with {@code key}. */
    E initialisedWith(Key key) throws GeneralSecurityException {
        Slot<E> slot = slots.get();
        if (slot.key != key) {
            slot.key = null; // a failed init must not leave the old key looking valid
            initialiser.init(slot.engine, key);
            slot.key = key;
        }
        return slot.engine;
    }

    /** Makes the next {@link #initialisedWith} initialise again, whatever key it gets. */
    void forget() {
        slots.get().key = null;
    }
}
