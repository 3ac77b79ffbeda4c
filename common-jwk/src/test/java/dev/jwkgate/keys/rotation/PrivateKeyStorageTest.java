package dev.jwkgate.keys.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PrivateKeyStorageTest {

    private static final String KEK_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEK_2 = Base64.getEncoder().encodeToString(filled(7));
    private static final ManagedKey PLAIN = new GeneratedKeys().publish("ES256", Instant.EPOCH);

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] pkcs8() {
        return Base64.getDecoder().decode(PLAIN.privateKey());
    }

    @Test
    void anEncryptedKeyHoldsNoPrivateKeyBytesAndDecryptsToThem() {
        PrivateKeyStorage storage = PrivateKeyStorage.encryptedWith(KeyEncryptionKeyring.parse("kek", KEK_1));
        ManagedKey sealed = storage.atRest(PLAIN);
        assertThat(sealed.privateKey()).startsWith("aes256gcm:").doesNotContain(PLAIN.privateKey());
        assertThat(storage.pkcs8(sealed)).isEqualTo(pkcs8());
    }

    @Test
    void anEncryptedKeyMovedToAnotherKidDoesNotDecrypt() {
        PrivateKeyStorage storage = PrivateKeyStorage.encryptedWith(KeyEncryptionKeyring.parse("kek", KEK_1));
        ManagedKey sealed = storage.atRest(PLAIN);
        ManagedKey moved = new ManagedKey("another-kid", sealed.algorithm(), sealed.phase(), sealed.since(), sealed.publishedAt(),
                sealed.privateKey(), sealed.publicKey());
        assertThatThrownBy(() -> storage.pkcs8(moved)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not decrypt").hasMessageContaining("another-kid");
    }

    @Test
    void aKeyEncryptedUnderTheSecondKekDecryptsAndIsReEncryptedUnderTheFirst() {
        ManagedKey underOld = PrivateKeyStorage.encryptedWith(KeyEncryptionKeyring.parse("kek", KEK_2)).atRest(PLAIN);
        KeyEncryptionKeyring ring = KeyEncryptionKeyring.parse("kek", KEK_1 + " " + KEK_2);
        PrivateKeyStorage storage = PrivateKeyStorage.encryptedWith(ring);
        ManagedKey rewritten = storage.atRest(underOld);
        assertThat(rewritten.privateKey()).startsWith("aes256gcm:" + ring.current().id() + ":");
        assertThat(storage.pkcs8(rewritten)).isEqualTo(pkcs8());
        assertThat(storage.atRest(rewritten)).isSameAs(rewritten);
    }

    @Test
    void aKeyEncryptedUnderAKekTheEntryNoLongerHoldsIsRefusedNamingBothKeks() {
        ManagedKey underOld = PrivateKeyStorage.encryptedWith(KeyEncryptionKeyring.parse("kek", KEK_2)).atRest(PLAIN);
        KeyEncryptionKeyring ring = KeyEncryptionKeyring.parse("kek", KEK_1);
        assertThatThrownBy(() -> PrivateKeyStorage.encryptedWith(ring).pkcs8(underOld)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("which the vault entry does not hold").hasMessageContaining(ring.current().id());
    }

    @Test
    void withoutAKekAnEncryptedKeyIsRefusedNamingTheSetting() {
        ManagedKey sealed = PrivateKeyStorage.encryptedWith(KeyEncryptionKeyring.parse("kek", KEK_1)).atRest(PLAIN);
        assertThatThrownBy(() -> PrivateKeyStorage.unencrypted().pkcs8(sealed))
                .hasMessageContaining("'Key encryption key' is not set");
    }

    @Test
    void aPlainKeyStaysAsItIsWithoutAKek() {
        assertThat(PrivateKeyStorage.unencrypted().atRest(PLAIN)).isSameAs(PLAIN);
        assertThat(PrivateKeyStorage.unencrypted().describe()).contains("UNENCRYPTED");
    }

    @Test
    void aVaultEntryWithAShortKeyIsRefusedWithoutQuotingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyEncryptionKeyring.parse("jwkgate_kek", shortKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jwkgate_kek'").hasMessageContaining("16 bytes, not 32").hasMessageNotContaining(shortKey);
    }

    @Test
    void anEmptyVaultEntryIsRefused() {
        assertThatThrownBy(() -> KeyEncryptionKeyring.parse("jwkgate_kek", "  ")).hasMessageContaining("it is empty");
    }

    @Test
    void theKekIdIsNotTheKey() {
        KeyEncryptionKeyring ring = KeyEncryptionKeyring.parse("kek", KEK_2);
        assertThat(ring.current().id()).hasSize(16);
        assertThat(KEK_2).doesNotContain(ring.current().id());
        assertThat(ring.current().toString()).doesNotContain(KEK_2);
    }
}
