package dev.jwkgate.token;

import dev.jwkgate.token.support.ExponentOneRsaKey;
import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.InMemoryKeySource;
import dev.jwkgate.token.support.Jws;
import dev.jwkgate.token.support.Pkcs1Encodings;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.support.RfcVectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 21 known attacks on JWT validators, each forged with our own keys and refused with its reason code. Numbers
 * follow the attack table of docs/SECURITY.md ("Attacks, controls and tests").
 */
class KnownAttacksTest {

    private static final SigningKey RSA = SigningKey.rsa("k1");
    private static final SigningKey EC = SigningKey.ec("e1", "P-256");

    private static String signatureOf(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private static String withSignature(String token, byte[] signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + SigningKey.b64(signature);
    }

    @Nested
    class A01AlgNone {

        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
        void refusesUnsignedTokenInAnySpellingOfNone(String none) {
            Gate gate = Gate.withKeys(RSA);
            String token = gate.token(none, "k1").withSignature(new byte[0]);
            gate.refuses(token, ReasonCode.UNSUPPORTED_ALGORITHM);
            assertThat(gate.source.currentCalls).hasValue(0);
        }

        @Test
        void refusesNoneEvenWithASignatureAttached() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token("none", "k1").withSignature(new byte[256]), ReasonCode.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void neverLetsNoneIntoTheAllowList() {
            assertThatThrownBy(() -> JwkGateConfig.builder().issuer(Gate.ISSUER).jwksUri(Gate.ISSUER + "/jwks")
                    .algorithms("RS256", "none").build()).isInstanceOf(ConfigException.class);
        }
    }

    @Nested
    class A02EmptySignature {

        @ParameterizedTest
        @ValueSource(strings = {"RS256", "PS256", "ES256", "EdDSA"})
        void refusesEmptySignatureWithARealAlgorithm(String alg) {
            SigningKey key = alg.startsWith("ES") ? EC : alg.equals("EdDSA") ? SigningKey.ed("k1", "Ed25519") : RSA;
            Gate gate = Gate.withKeys(key);
            gate.refuses(gate.token(key, alg).withSignature(new byte[0]), ReasonCode.BAD_SIGNATURE);
        }

        @Test
        void refusesEmptyHmac() {
            SigningKey secret = SigningKey.hmac("h1", 32);
            Gate gate = Gate.withSecrets(secret);
            gate.refuses(gate.token(secret, "HS256").withSignature(new byte[0]), ReasonCode.BAD_SIGNATURE);
        }
    }

    @Nested
    class A03HmacWithThePublicKey {

        private String confusedToken(Gate gate, byte[] secret) {
            return gate.token("HS256", "k1").signedWith(new javax.crypto.spec.SecretKeySpec(secret, "HMAC"));
        }

        private byte[] pem() {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(RSA.publicKeyBytes());
            return ("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        }

        @Test
        void refusesHs256ForAnIssuerWithAsymmetricKeys() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(confusedToken(gate, RSA.publicKeyBytes()), ReasonCode.UNSUPPORTED_ALGORITHM);
            gate.refuses(confusedToken(gate, pem()), ReasonCode.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void refusesHs256NamingAnRsaKeyEvenWhereHmacIsAllowed() {
            Gate gate = Gate.withSecrets(RSA);
            gate.refuses(confusedToken(gate, RSA.publicKeyBytes()), ReasonCode.KEY_ALGORITHM_MISMATCH);
            gate.refuses(confusedToken(gate, pem()), ReasonCode.KEY_ALGORITHM_MISMATCH);
        }

        @Test
        void refusesHs256WithAnRsaKeyMislabelledAsAllowingIt() {
            Gate gate = Gate.withSecrets(RSA.allowing("HS256"));
            assertThat(gate.refuses(confusedToken(gate, pem()), ReasonCode.KEY_ALGORITHM_MISMATCH))
                    .contains("RSA key");
        }
    }

    @Nested
    class A04EmbeddedJwk {

        @Test
        void refusesTokenCarryingItsOwnJwk() throws Exception {
            SigningKey attacker = SigningKey.ec("attacker", "P-256");
            Map<String, Object> jwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(attacker.trusted().key())
                    .toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            Gate gate = Gate.withKeys(EC);
            gate.refuses(gate.token(attacker, "ES256").with("jwk", jwk).signedWith(attacker), ReasonCode.FORBIDDEN_HEADER);
        }

        @Test
        void refusesTokenCarryingACertificateChain() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token(RSA, "RS256").with("x5c", List.of("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"))
                    .signedWith(RSA), ReasonCode.FORBIDDEN_HEADER);
        }
    }

    @Nested
    class A05KeyUrlInTheHeader {

        @ParameterizedTest
        @ValueSource(strings = {"jku", "x5u"})
        void refusesKeyUrlWithoutFetchingOrLookingUpAnything(String header) {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token(RSA, "RS256").with(header, "https://attacker.example/jwks.json").signedWith(RSA),
                    ReasonCode.FORBIDDEN_HEADER);
            assertThat(gate.source.currentCalls).hasValue(0);
            assertThat(gate.source.refreshCalls).hasValue(0);
        }

        @Test
        void refusesKeyUrlEvenWhenItIsTheConfiguredOne() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token(RSA, "RS256").with("jku", Gate.ISSUER + "/jwks").signedWith(RSA),
                    ReasonCode.FORBIDDEN_HEADER);
        }
    }

    @Nested
    class A06KidInjection {

        @ParameterizedTest
        @ValueSource(strings = {"../../../../dev/null", "/dev/null", "/invalid_path", "x' UNION SELECT '1';--",
                "| sleep 10", "k1; sleep 10", "k1\u0000", "K1", " k1", ""})
        void refusesInjectedKidAsUnknownWithoutFallingBackToAnotherKey(String kid) {
            // signed with the real key: a fallback to k1 would accept it
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token("RS256", kid).signedWith(RSA), ReasonCode.UNKNOWN_KEY);
            assertThat(gate.source.refreshCalls).hasValue(1);
        }

        @Test
        void refusesBlankKidSignedWithAnEmptySecret() {
            SigningKey secret = SigningKey.hmac("h1", 32);
            Gate gate = Gate.withSecrets(secret);
            gate.refuses(gate.token("HS256", "").withSignature(new byte[32]), ReasonCode.UNKNOWN_KEY);
        }
    }

    @Nested
    class A07PsychicSignatures {

        private final BigInteger n = ((ECPublicKey) EC.trusted().key()).getParams().getOrder();

        private byte[] rs(BigInteger r, BigInteger s) {
            byte[] out = new byte[64];
            byte[] rb = r.toByteArray();
            byte[] sb = s.toByteArray();
            System.arraycopy(rb, Math.max(0, rb.length - 32), out, 32 - Math.min(32, rb.length), Math.min(32, rb.length));
            System.arraycopy(sb, Math.max(0, sb.length - 32), out, 64 - Math.min(32, sb.length), Math.min(32, sb.length));
            return out;
        }

        @Test
        void refusesRAndSZero() {
            Gate gate = Gate.withKeys(EC);
            assertThat(gate.refuses(gate.token(EC, "ES256").withSignature(new byte[64]), ReasonCode.BAD_SIGNATURE))
                    .contains("outside [1, n-1]");
        }

        @Test
        void refusesRAndSEqualToTheCurveOrder() {
            Gate gate = Gate.withKeys(EC);
            gate.refuses(gate.token(EC, "ES256").withSignature(rs(n, n)), ReasonCode.BAD_SIGNATURE);
        }

        @Test
        void refusesSZeroWithAValidLookingR() {
            Gate gate = Gate.withKeys(EC);
            gate.refuses(gate.token(EC, "ES256").withSignature(rs(BigInteger.ONE, BigInteger.ZERO)), ReasonCode.BAD_SIGNATURE);
        }

        @Test
        void refusesZeroSignatureOnEveryCurve() {
            SigningKey p521 = SigningKey.ec("p521", "P-521");
            Gate gate = Gate.withKeys(p521);
            gate.refuses(gate.token(p521, "ES512").withSignature(new byte[132]), ReasonCode.BAD_SIGNATURE);
        }
    }

    @Nested
    class A08InvalidCurveKeys {

        @Test
        void refusesEcKeyOfAnotherCurveEvenWhenLabelledForTheAlgorithm() {
            SigningKey p384 = SigningKey.ec("e1", "P-384").allowing("ES256");
            Gate gate = Gate.withKeys(p384);
            gate.refuses(gate.token(p384, "ES256").signedWith(p384), ReasonCode.KEY_ALGORITHM_MISMATCH);
        }
    }

    @Nested
    class A09WeakRsaKeys {

        @Test
        void refusesRsaKeyUnder2048Bits() {
            SigningKey weak = SigningKey.rsa("k1", 1024, "rsa-1024");
            Gate gate = Gate.withKeys(weak);
            gate.refuses(gate.token(weak, "RS256").signedWith(weak), ReasonCode.KEY_ALGORITHM_MISMATCH);
        }

        @Test
        void refusesRsaKeyWithPublicExponentOneThatWouldMakeForgeryTrivial() throws Exception {
            // the JDK's KeyFactory refuses e < 3, so the key arrives as a foreign implementation
            PublicKey e1 = new ExponentOneRsaKey(RSA.rsaModulus());
            TrustedKey trusted = new TrustedKey("k1", KeyFamily.RSA, null, e1, Set.of("RS256"), "e1-thumbprint");
            Gate gate = new GateWith(trusted).gate;
            Jws jws = gate.token("RS256", "k1");
            // with e = 1 the "signature" is just the encoded message
            byte[] forged = Pkcs1Encodings.encodedMessage(Pkcs1Encodings.DIGEST_INFO_SHA256, jws.signingInput(), 256);
            gate.refuses(jws.withSignature(forged), ReasonCode.KEY_ALGORITHM_MISMATCH);
        }
    }

    @Nested
    class A10EncryptedTokens {

        @Test
        void refusesJweWithoutDecryptingEvenWithAHugePbes2Count() {
            Gate gate = Gate.withKeys(RSA);
            String header = Jws.b64("{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2c\":2499999,\"p2s\":\"AAAAAAAAAAA\",\"kid\":\"k1\"}");
            gate.refuses(header + ".AAAA.AAAA.AAAA.AAAA", ReasonCode.ENCRYPTED_TOKEN);
            assertThat(gate.source.currentCalls).hasValue(0);
        }
    }

    @Nested
    class A11CriticalHeaders {

        @Test
        void refusesUnknownCriticalExtension() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token(RSA, "RS256").with("x-ext", 1).with("crit", List.of("x-ext")).signedWith(RSA),
                    ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
        }

        @Test
        void refusesEmptyCrit() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token(RSA, "RS256").with("crit", List.of()).signedWith(RSA),
                    ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
        }

        @Test
        void refusesDuplicatedCritEntry() {
            Gate gate = Gate.withKeys(RSA).set(Setting.SUPPORTED_CRITICAL_HEADERS, List.of("x-ext"));
            gate.refuses(gate.token(RSA, "RS256").with("x-ext", 1).with("crit", List.of("x-ext", "x-ext")).signedWith(RSA),
                    ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
        }

        @Test
        void refusesCritNamingARegisteredHeader() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token(RSA, "RS256").with("crit", List.of("alg")).signedWith(RSA),
                    ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
        }
    }

    @Nested
    class A12UnencodedPayload {

        @Test
        void refusesB64FalseListedInCrit() {
            SigningKey secret = SigningKey.hmac("h1", 32);
            Gate gate = Gate.withSecrets(secret);
            gate.refuses(gate.token(secret, "HS256").with("b64", false).with("crit", List.of("b64")).signedWith(secret),
                    ReasonCode.FORBIDDEN_HEADER);
        }

        @Test
        void refusesB64FalseWithoutCrit() {
            SigningKey secret = SigningKey.hmac("h1", 32);
            Gate gate = Gate.withSecrets(secret);
            gate.refuses(gate.token(secret, "HS256").with("b64", false).signedWith(secret), ReasonCode.FORBIDDEN_HEADER);
        }

        @Test
        void refusesTheRfc7797VectorInCompactAndDetachedForm() throws Exception {
            @SuppressWarnings("unchecked")
            Map<String, Object> output = (Map<String, Object>) JsonUtil.parseJson(
                    RfcVectors.read("cookbook/rfc7797/hmac-sha2_b64_false.json")).get("output");
            String compact = (String) output.get("compact");
            String[] parts = compact.split("\\.");
            byte[] secret = Base64.getUrlDecoder().decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
            Gate gate = Gate.withSecrets(SigningKey.hmac("h1", secret)).set(Setting.ALLOW_MISSING_KID, true);
            gate.refuses(compact, ReasonCode.MALFORMED);
            gate.refuses(parts[0] + ".." + parts[2], ReasonCode.FORBIDDEN_HEADER);
        }
    }

    @Nested
    class A13OversizedInput {

        @Test
        void refusesHugeToken() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token(RSA, "RS256").claim("blob", "x".repeat(20_000)).signedWith(RSA), ReasonCode.TOO_LARGE);
        }

        @Test
        void refusesHugeHeader() {
            Gate gate = Gate.withKeys(RSA);
            gate.refuses(gate.token(RSA, "RS256").with("blob", "x".repeat(3_000)).signedWith(RSA), ReasonCode.TOO_LARGE);
        }

        @Test
        void refusesTenThousandNestedArraysInTheHeaderBeforeParsing() {
            Gate gate = Gate.withKeys(RSA).set(Setting.MAX_HEADER_BYTES, 65_536).set(Setting.MAX_TOKEN_BYTES, 1_048_576);
            String header = "{\"alg\":\"RS256\",\"kid\":\"k1\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
            assertThat(gate.refuses(gate.token(RSA, "RS256").rawHeader(header).signedWith(RSA), ReasonCode.TOO_LARGE))
                    .contains("max_json_depth");
        }

        @Test
        void refusesTenThousandUnclosedBracketsInThePayload() {
            Gate gate = Gate.withKeys(RSA).set(Setting.MAX_TOKEN_BYTES, 1_048_576);
            String payload = "{\"iss\":\"" + Gate.ISSUER + "\",\"x\":" + "[".repeat(10_000);
            assertThat(gate.refuses(gate.token(RSA, "RS256").rawPayload(payload).signedWith(RSA), ReasonCode.TOO_LARGE))
                    .contains("payload");
        }
    }

    @Nested
    class A14DuplicateMembers {

        @Test
        void refusesDuplicateAlgMember() {
            SigningKey secret = SigningKey.hmac("h1", 32);
            Gate gate = Gate.withSecrets(secret);
            String token = Jws.header("HS256", "h1").rawHeader("{\"alg\":\"HS256\",\"kid\":\"h1\",\"alg\":\"RS256\"}")
                    .claim("iss", Gate.ISSUER).signedWith(secret);
            gate.refuses(token, ReasonCode.MALFORMED);
        }

        @Test
        void refusesDuplicateSubClaim() {
            Gate gate = Gate.withKeys(RSA);
            long exp = Gate.NOW.getEpochSecond() + 60;
            gate.refuses(gate.token(RSA, "RS256").rawPayload("{\"iss\":\"" + Gate.ISSUER + "\",\"sub\":\"alice\",\"exp\":"
                    + exp + ",\"sub\":\"admin\"}").signedWith(RSA), ReasonCode.MALFORMED);
        }
    }

    @Nested
    class A15TimeClaimEdgeCases {

        private final Gate gate = Gate.withKeys(RSA).set(Setting.CLOCK_SKEW_SECONDS, 0);
        private final long now = Gate.NOW.getEpochSecond();

        @ParameterizedTest
        @ValueSource(strings = {"\"9999999999\"", "true", "1e309", "99999999999999999999", "[1]", "null-as-string"})
        void refusesExpThatIsNotANumber(String exp) {
            String value = exp.equals("null-as-string") ? "\"null\"" : exp;
            gate.refuses(gate.token(RSA, "RS256").rawPayload("{\"iss\":\"" + Gate.ISSUER + "\",\"exp\":" + value + "}")
                    .signedWith(RSA), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesNullExpThatWouldReadAsNoExpirationWhereExpirationIsOptional() {
            Gate optional = Gate.withKeys(RSA).set(Setting.REQUIRE_EXPIRATION, false);
            optional.refuses(optional.token(RSA, "RS256").claim("exp", null).signedWith(RSA), ReasonCode.INVALID_CLAIM);
        }

        @ParameterizedTest
        @ValueSource(strings = {"nbf", "iat"})
        void refusesNullNbfOrIatThatWouldReadAsAbsent(String claim) {
            gate.refuses(gate.token(RSA, "RS256").claim(claim, null).signedWith(RSA), ReasonCode.INVALID_CLAIM);
        }

        @Test
        void refusesExpEqualToNow() {
            gate.refuses(gate.token(RSA, "RS256").claim("exp", now).signedWith(RSA), ReasonCode.EXPIRED);
        }

        @Test
        void refusesMissingExp() {
            gate.refuses(gate.token(RSA, "RS256").noClaim("exp").signedWith(RSA), ReasonCode.MISSING_CLAIM);
        }

        @Test
        void refusesFutureIat() {
            gate.refuses(gate.token(RSA, "RS256").claim("iat", now + 1).signedWith(RSA), ReasonCode.ISSUED_IN_FUTURE);
        }

        @Test
        void refusesFutureNbf() {
            gate.refuses(gate.token(RSA, "RS256").claim("nbf", now + 1).signedWith(RSA), ReasonCode.NOT_YET_VALID);
        }

        @Test
        void refusesSkewAboveFiveMinutes() {
            assertThatThrownBy(() -> gate.set(Setting.CLOCK_SKEW_SECONDS, 301).validator())
                    .isInstanceOf(ConfigException.class);
        }
    }

    @Nested
    class A16Substitution {

        @Test
        void refusesTokenOfAnotherIssuerSignedWithASharedMultiTenantKey() {
            Gate tenantB = Gate.withKeys(RSA);
            String tenantAToken = tenantB.token(RSA, "RS256").claim("iss", "https://issuer.example/tenant-a").signedWith(RSA);
            tenantB.refuses(tenantAToken, ReasonCode.WRONG_ISSUER);
        }

        @Test
        void refusesTokenMintedForAnotherAudience() {
            Gate gate = Gate.withKeys(RSA);
            gate.config.audiences("api-b");
            gate.refuses(gate.token(RSA, "RS256").claim("aud", "api-a").signedWith(RSA), ReasonCode.WRONG_AUDIENCE);
        }

        @Test
        void refusesIdTokenWhereAnAccessTokenIsRequired() {
            Gate gate = Gate.withKeys(RSA).set(Setting.REQUIRED_TYPE, "at+jwt");
            gate.refuses(gate.token(RSA, "RS256").with("typ", "JWT").signedWith(RSA), ReasonCode.WRONG_TYPE);
        }

        @Test
        void neverChecksOneIssuersTokensWithAnotherIssuersKeySource() {
            JwkGateConfig config = JwkGateConfig.builder().issuer("https://b.example").jwksUri("https://b.example/jwks").build();
            assertThatThrownBy(() -> JwsTokenValidator.create(config, new InMemoryKeySource("https://a.example"),
                    java.time.Clock.systemUTC(), event -> { })).isInstanceOf(ConfigException.class);
        }
    }

    @Nested
    class A17LenientBase64 {

        private final Gate gate = Gate.withKeys(RSA);
        private final String token = gate.token(RSA, "RS256").signedWith(RSA);

        @ParameterizedTest
        @ValueSource(strings = {"=", " ", "+", "/", "%3D"})
        void refusesSignatureWithCharactersALenientDecoderSkipsOrMaps(String extra) {
            gate.refuses(token + extra, ReasonCode.MALFORMED);
        }

        @Test
        void refusesSignatureSpelledInTheStandardAlphabet() {
            String sig = signatureOf(token);
            String standard = sig.replace('-', '+').replace('_', '/');
            String forged = sig.equals(standard) ? token.substring(0, token.lastIndexOf('.') + 1) + "+" + sig.substring(1)
                    : token.substring(0, token.lastIndexOf('.') + 1) + standard;
            gate.refuses(forged, ReasonCode.MALFORMED);
        }

        @Test
        void refusesPaddedHeader() {
            String[] parts = token.split("\\.");
            String padded = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[0]));
            String header = padded.endsWith("=") ? padded : parts[0] + "==";
            gate.refuses(header + "." + parts[1] + "." + parts[2], ReasonCode.MALFORMED);
        }
    }

    @Nested
    class A18KeyUsageIgnored {

        @Test
        void refusesKeyMarkedForEncryption() {
            SigningKey encryptionKey = EC.allowing();
            Gate gate = Gate.withKeys(encryptionKey);
            assertThat(gate.refuses(gate.token(EC, "ES256").signedWith(EC), ReasonCode.KEY_ALGORITHM_MISMATCH))
                    .contains("not a signing key");
        }

        @Test
        void refusesHeaderAlgOtherThanTheKeysOwnAlg() {
            SigningKey rs384 = RSA.allowing("RS384");
            Gate gate = Gate.withKeys(rs384);
            gate.refuses(gate.token(rs384, "RS256").signedWith(RSA), ReasonCode.KEY_ALGORITHM_MISMATCH);
        }
    }

    @Nested
    class A19SecretsInAJwks {

        @Test
        void refusesHmacTokenForAnIssuerWhoseSetWronglyHoldsASecret() {
            SigningKey leaked = SigningKey.hmac("k1", 32);
            Gate gate = Gate.withKeys(RSA, leaked.withKid("oct"));
            gate.refuses(gate.token("HS256", "oct").signedWith(leaked), ReasonCode.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void refusesSecretMislabelledAsAnRsaKey() {
            SigningKey secret = SigningKey.hmac("k1", 256);
            TrustedKey mislabelled = new TrustedKey("k1", KeyFamily.OCT, null, secret.trusted().key(), Set.of("RS256"), "t");
            Gate gate = new GateWith(mislabelled).gate;
            gate.refuses(gate.token("RS256", "k1").signedWith(RSA), ReasonCode.KEY_ALGORITHM_MISMATCH);
        }
    }

    @Nested
    class A20WeakHmacSecrets {

        @Test
        void refusesSecretShorterThanTheHash() {
            SigningKey shortSecret = SigningKey.hmac("h1", 16);
            Gate gate = Gate.withSecrets(shortSecret);
            assertThat(gate.refuses(gate.token(shortSecret, "HS256").signedWith(shortSecret), ReasonCode.KEY_ALGORITHM_MISMATCH))
                    .contains("16 bytes");
        }

        @Test
        void refusesHs384WithA32ByteSecret() {
            SigningKey secret = SigningKey.hmac("h1", 32);
            Gate gate = Gate.withSecrets(secret);
            gate.refuses(gate.token(secret, "HS384").signedWith(secret), ReasonCode.KEY_ALGORITHM_MISMATCH);
        }

        @Test
        void refusesBlankSecret() {
            SecretKey blank = new AttackCorpus.BlankSecret();
            Gate gate = Gate.withSecrets(new SigningKey(blank, new TrustedKey("h1", KeyFamily.OCT, null, blank,
                    Set.of("HS256"), "blank")));
            gate.refuses(gate.token("HS256", "h1").withSignature(new byte[32]), ReasonCode.KEY_ALGORITHM_MISMATCH);
        }

        @Test
        void refusesConfiguredSecretShorterThan32Bytes() {
            assertThatThrownBy(() -> JwkGateConfig.builder().issuer(Gate.ISSUER)
                    .set(Setting.HMAC_SECRETS, Map.of("h1", SigningKey.b64("secret".getBytes(StandardCharsets.US_ASCII))))
                    .build()).isInstanceOf(ConfigException.class);
        }
    }

    @Nested
    class A21Pkcs1Variants {

        private final Gate gate = Gate.withKeys(RSA);

        private String forged(byte[] digestInfoPrefix, byte[] trailing) throws Exception {
            Jws jws = gate.token(RSA, "RS256");
            byte[] em = Pkcs1Encodings.encodedMessage(digestInfoPrefix, jws.signingInput(), 256, trailing);
            Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
            raw.init(Cipher.ENCRYPT_MODE, RSA.signer());
            return jws.withSignature(raw.doFinal(em));
        }

        @Test
        void acceptsTheStrictEncodingMadeTheSameWay() throws Exception {
            gate.accepts(forged(Pkcs1Encodings.DIGEST_INFO_SHA256, new byte[0]));
        }

        @Test
        void refusesDigestInfoWithoutTheNullParameter() throws Exception {
            gate.refuses(forged(Pkcs1Encodings.DIGEST_INFO_SHA256_WITHOUT_NULL, new byte[0]), ReasonCode.BAD_SIGNATURE);
        }

        @Test
        void refusesDigestInfoWithALongFormLength() throws Exception {
            gate.refuses(forged(Pkcs1Encodings.DIGEST_INFO_SHA256_BER_LENGTH, new byte[0]), ReasonCode.BAD_SIGNATURE);
        }

        @Test
        void refusesGarbageAfterTheDigest() throws Exception {
            gate.refuses(forged(Pkcs1Encodings.DIGEST_INFO_SHA256, new byte[] {0x00, 0x01}), ReasonCode.BAD_SIGNATURE);
        }
    }

    /** An asymmetric issuer whose set holds one hand-built TrustedKey. */
    private static final class GateWith {
        final Gate gate;

        GateWith(TrustedKey key) {
            this.gate = Gate.withKeys(new SigningKey(null, key));
        }
    }
}
