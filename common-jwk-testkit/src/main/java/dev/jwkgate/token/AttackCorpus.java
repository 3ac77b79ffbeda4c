package dev.jwkgate.token;

import dev.jwkgate.audit.Slf4jAuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.gateway.GatewayPolicy;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.token.support.ExponentOneRsaKey;
import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.InMemoryKeySource;
import dev.jwkgate.token.support.Jws;
import dev.jwkgate.token.support.Pkcs1Encodings;
import dev.jwkgate.token.support.SigningKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The attack corpus: every attack of the table in docs/SECURITY.md ("Attacks, controls and tests") as tokens
 * forged with our own keys, each with the issuer world it needs and the reason code every door must answer with.
 *
 * <p>One table for the core ({@code AttackCorpusTest}), the APISIX filter and the Kong plugin, so the three
 * cannot drift apart. Checks that are not about one token (no fetch made, a setting refused at build time) stay
 * in {@code KnownAttacksTest}. The list ends with genuine tokens, which every door must let through: a harness
 * that refused everything would otherwise pass.
 */
public final class AttackCorpus {

    private static final SigningKey RSA = SigningKey.rsa("k1");
    private static final SigningKey EC = SigningKey.ec("e1", "P-256");
    private static final SigningKey ED = SigningKey.ed("d1", "Ed25519");
    private static final SigningKey SECRET = SigningKey.hmac("h1", 32);

    private static final List<AttackCase> CASES = build(Gate.NOW);

    private AttackCorpus() {
    }

    /** Every case, attacks first (by number), then the genuine controls. */
    public static List<AttackCase> cases() {
        return CASES;
    }

    /** The attack cases only. */
    public static List<AttackCase> attacks() {
        return CASES.stream().filter(c -> !c.genuine()).toList();
    }

    /**
     * The same cases forged afresh as of {@code now}: for doors that read the real clock (a running gateway),
     * where the tokens of {@link #cases()}, made for a fixed instant, would all have expired.
     */
    public static List<AttackCase> casesAt(Instant now) {
        return build(now);
    }

    /**
     * One forged (or genuine) token and the world it is checked in.
     *
     * @param expected the reason every door must refuse with; null for a genuine token every door must accept
     */
    public record AttackCase(int number, String attack, String variant, String token, ReasonCode expected,
                             JwkGateConfig config, List<TrustedKey> keys, Instant forgedAt) {

        /** The instant the cases of {@link AttackCorpus#cases()} are forged and validated at. */
        public static final Clock CLOCK = Clock.fixed(Gate.NOW, ZoneOffset.UTC);

        /** A clock standing at the instant this case was forged for: the "now" of its time claims. */
        public Clock clock() {
            return Clock.fixed(forgedAt, ZoneOffset.UTC);
        }

        public boolean genuine() {
            return expected == null;
        }

        /** A fresh in-memory source holding this case's trusted keys (no network: the attacks need none). */
        public KeySetSource keySource() {
            return new InMemoryKeySource(config.issuer(), keys.toArray(TrustedKey[]::new));
        }

        /** The core validator for this case, logging its audit events as production does. */
        public TokenValidator validator() {
            return JwsTokenValidator.create(config, keySource(), clock(), new Slf4jAuditListener());
        }

        /** The gateway policy both adapters run, around {@link #validator()}. */
        public GatewayPolicy policy() {
            return GatewayPolicy.create(config, validator());
        }

        /** What the client sees: the status of the expected reason, 200 for a genuine token. */
        public int expectedStatus() {
            return genuine() ? 200 : expected.httpStatus();
        }

        @Override
        public String toString() {
            return String.format("A%02d %s: %s", number, attack, variant);
        }
    }

    private static List<AttackCase> build(Instant forgedAt) {
        Corpus c = new Corpus(forgedAt);

        // A01: alg none in jwt_tool's four spellings
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            Gate gate = c.keys(RSA);
            c.add(1, "alg none", none + ", empty signature", gate, gate.token(none, "k1").withSignature(new byte[0]),
                    ReasonCode.UNSUPPORTED_ALGORITHM);
        }
        Gate none = c.keys(RSA);
        c.add(1, "alg none", "none with a signature attached", none,
                none.token("none", "k1").withSignature(new byte[256]), ReasonCode.UNSUPPORTED_ALGORITHM);

        // A02: empty signature with a real algorithm
        for (String alg : List.of("RS256", "PS256", "ES256", "EdDSA")) {
            SigningKey key = alg.startsWith("ES") ? EC : alg.equals("EdDSA") ? ED : RSA;
            Gate gate = c.keys(key);
            c.add(2, "empty signature", alg, gate, gate.token(key, alg).withSignature(new byte[0]), ReasonCode.BAD_SIGNATURE);
        }
        Gate hmacEmpty = c.secrets(SECRET);
        c.add(2, "empty signature", "HS256", hmacEmpty, hmacEmpty.token(SECRET, "HS256").withSignature(new byte[0]),
                ReasonCode.BAD_SIGNATURE);

        // A03: HS256 keyed with the RSA public key
        byte[] der = RSA.publicKeyBytes();
        byte[] pem = pem(der);
        Gate asymmetric = c.keys(RSA);
        c.add(3, "HMAC with the public key", "DER bytes, asymmetric issuer", asymmetric, confused(asymmetric, der),
                ReasonCode.UNSUPPORTED_ALGORITHM);
        c.add(3, "HMAC with the public key", "PEM text, asymmetric issuer", asymmetric, confused(asymmetric, pem),
                ReasonCode.UNSUPPORTED_ALGORITHM);
        Gate hmacIssuer = c.secrets(RSA);
        c.add(3, "HMAC with the public key", "PEM text, HMAC allowed, kid names the RSA key", hmacIssuer,
                confused(hmacIssuer, pem), ReasonCode.KEY_ALGORITHM_MISMATCH);
        Gate mislabelled = c.secrets(RSA.allowing("HS256"));
        c.add(3, "HMAC with the public key", "RSA key mislabelled as allowing HS256", mislabelled,
                confused(mislabelled, pem), ReasonCode.KEY_ALGORITHM_MISMATCH);

        // A04: keys carried by the token
        SigningKey attacker = SigningKey.ec("attacker", "P-256");
        Gate embedded = c.keys(EC);
        c.add(4, "embedded key", "jwk header", embedded,
                embedded.token(attacker, "ES256").with("jwk", publicJwk(attacker)).signedWith(attacker),
                ReasonCode.FORBIDDEN_HEADER);
        Gate chain = c.keys(RSA);
        c.add(4, "embedded key", "x5c header", chain,
                chain.token(RSA, "RS256").with("x5c", List.of("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA")).signedWith(RSA),
                ReasonCode.FORBIDDEN_HEADER);

        // A05: key URLs in the header
        for (String header : List.of("jku", "x5u")) {
            Gate gate = c.keys(RSA);
            c.add(5, "key URL in the header", header + " to an attacker host", gate,
                    gate.token(RSA, "RS256").with(header, "https://attacker.example/jwks.json").signedWith(RSA),
                    ReasonCode.FORBIDDEN_HEADER);
        }
        Gate sameUrl = c.keys(RSA);
        c.add(5, "key URL in the header", "jku equal to the configured URL", sameUrl,
                sameUrl.token(RSA, "RS256").with("jku", Gate.ISSUER + "/jwks").signedWith(RSA), ReasonCode.FORBIDDEN_HEADER);

        // A06: kid injection, signed with the real key so a fallback to k1 would accept it
        for (String kid : List.of("../../../../dev/null", "/dev/null", "/invalid_path", "x' UNION SELECT '1';--",
                "| sleep 10", "k1; sleep 10", "k1\u0000", "K1", " k1", "")) {
            Gate gate = c.keys(RSA);
            c.add(6, "kid injection", "kid " + printable(kid), gate, gate.token("RS256", kid).signedWith(RSA),
                    ReasonCode.UNKNOWN_KEY);
        }
        Gate blankKid = c.secrets(SECRET);
        c.add(6, "kid injection", "blank kid, empty HMAC secret", blankKid,
                blankKid.token("HS256", "").withSignature(new byte[32]), ReasonCode.UNKNOWN_KEY);

        // A07: psychic signatures
        BigInteger n = ((ECPublicKey) EC.trusted().key()).getParams().getOrder();
        for (Object[] rs : new Object[][] {{"r = s = 0", BigInteger.ZERO, BigInteger.ZERO}, {"r = s = n", n, n},
                {"r = 1, s = 0", BigInteger.ONE, BigInteger.ZERO}}) {
            Gate gate = c.keys(EC);
            c.add(7, "psychic signature", "ES256 " + rs[0], gate,
                    gate.token(EC, "ES256").withSignature(p1363((BigInteger) rs[1], (BigInteger) rs[2])),
                    ReasonCode.BAD_SIGNATURE);
        }
        SigningKey p521 = SigningKey.ec("p521", "P-521");
        Gate psychic521 = c.keys(p521);
        c.add(7, "psychic signature", "ES512 r = s = 0", psychic521,
                psychic521.token(p521, "ES512").withSignature(new byte[132]), ReasonCode.BAD_SIGNATURE);

        // A08: a key of another curve labelled for ES256 (off-curve points never pass ingestion: EcKeyIngestionTest)
        SigningKey p384 = SigningKey.ec("e1", "P-384").allowing("ES256");
        Gate wrongCurve = c.keys(p384);
        c.add(8, "invalid-curve key", "P-384 key labelled ES256", wrongCurve,
                wrongCurve.token(p384, "ES256").signedWith(p384), ReasonCode.KEY_ALGORITHM_MISMATCH);

        // A09: weak RSA keys
        SigningKey weak = SigningKey.rsa("k1", 1024, "rsa-1024");
        Gate weakGate = c.keys(weak);
        c.add(9, "weak RSA key", "1024-bit modulus", weakGate, weakGate.token(weak, "RS256").signedWith(weak),
                ReasonCode.KEY_ALGORITHM_MISMATCH);
        TrustedKey exponentOne = new TrustedKey("k1", KeyFamily.RSA, null,
                new ExponentOneRsaKey(RSA.rsaModulus()), Set.of("RS256"), "e1-thumbprint");
        Gate eOne = c.keys(new SigningKey(null, exponentOne));
        Jws eOneJws = eOne.token("RS256", "k1");
        c.add(9, "weak RSA key", "public exponent 1, signature = encoded message", eOne,
                eOneJws.withSignature(encodedMessage(eOneJws, Pkcs1Encodings.DIGEST_INFO_SHA256, new byte[0])),
                ReasonCode.KEY_ALGORITHM_MISMATCH);

        // A10: JWE where a JWS is expected
        Gate jwe = c.keys(RSA);
        c.add(10, "JWE instead of JWS", "PBES2 with p2c 2,499,999", jwe,
                Jws.b64("{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2c\":2499999,\"p2s\":\"AAAAAAAAAAA\","
                        + "\"kid\":\"k1\"}") + ".AAAA.AAAA.AAAA.AAAA", ReasonCode.ENCRYPTED_TOKEN);

        // A11: crit
        Gate crit = c.keys(RSA);
        c.add(11, "crit header", "unknown extension", crit,
                crit.token(RSA, "RS256").with("x-ext", 1).with("crit", List.of("x-ext")).signedWith(RSA),
                ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
        c.add(11, "crit header", "empty list", crit, crit.token(RSA, "RS256").with("crit", List.of()).signedWith(RSA),
                ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
        c.add(11, "crit header", "names a registered header", crit,
                crit.token(RSA, "RS256").with("crit", List.of("alg")).signedWith(RSA), ReasonCode.UNSUPPORTED_CRITICAL_HEADER);
        Gate supported = c.keys(RSA).set(Setting.SUPPORTED_CRITICAL_HEADERS, List.of("x-ext"));
        c.add(11, "crit header", "supported extension listed twice", supported,
                supported.token(RSA, "RS256").with("x-ext", 1).with("crit", List.of("x-ext", "x-ext")).signedWith(RSA),
                ReasonCode.UNSUPPORTED_CRITICAL_HEADER);

        // A12: unencoded payload
        Gate b64 = c.secrets(SECRET);
        c.add(12, "b64 false", "listed in crit", b64,
                b64.token(SECRET, "HS256").with("b64", false).with("crit", List.of("b64")).signedWith(SECRET),
                ReasonCode.FORBIDDEN_HEADER);
        c.add(12, "b64 false", "without crit", b64, b64.token(SECRET, "HS256").with("b64", false).signedWith(SECRET),
                ReasonCode.FORBIDDEN_HEADER);

        // A13: oversized and deeply nested input
        Gate big = c.keys(RSA);
        c.add(13, "huge or nested token", "20 KB claim", big,
                big.token(RSA, "RS256").claim("blob", "x".repeat(20_000)).signedWith(RSA), ReasonCode.TOO_LARGE);
        c.add(13, "huge or nested token", "3 KB header", big,
                big.token(RSA, "RS256").with("blob", "x".repeat(3_000)).signedWith(RSA), ReasonCode.TOO_LARGE);
        Gate deep = c.keys(RSA).set(Setting.MAX_HEADER_BYTES, 65_536).set(Setting.MAX_TOKEN_BYTES, 1_048_576);
        c.add(13, "huge or nested token", "10,000 nested arrays in the header", deep,
                deep.token(RSA, "RS256").rawHeader("{\"alg\":\"RS256\",\"kid\":\"k1\",\"x\":" + "[".repeat(10_000)
                        + "]".repeat(10_000) + "}").signedWith(RSA), ReasonCode.TOO_LARGE);
        c.add(13, "huge or nested token", "10,000 unclosed brackets in the payload", deep,
                deep.token(RSA, "RS256").rawPayload("{\"iss\":\"" + Gate.ISSUER + "\",\"x\":" + "[".repeat(10_000))
                        .signedWith(RSA), ReasonCode.TOO_LARGE);

        // A14: duplicate members
        Gate dupAlg = c.secrets(SECRET);
        c.add(14, "duplicate members", "alg twice", dupAlg,
                Jws.header("HS256", "h1").rawHeader("{\"alg\":\"HS256\",\"kid\":\"h1\",\"alg\":\"RS256\"}")
                        .claim("iss", Gate.ISSUER).signedWith(SECRET), ReasonCode.MALFORMED);
        Gate dupSub = c.keys(RSA);
        long now = forgedAt.getEpochSecond();
        c.add(14, "duplicate members", "sub twice", dupSub,
                dupSub.token(RSA, "RS256").rawPayload("{\"iss\":\"" + Gate.ISSUER + "\",\"sub\":\"alice\",\"exp\":"
                        + (now + 60) + ",\"sub\":\"admin\"}").signedWith(RSA), ReasonCode.MALFORMED);

        // A15: time claims, no skew
        Gate time = c.keys(RSA).set(Setting.CLOCK_SKEW_SECONDS, 0);
        for (String exp : List.of("\"9999999999\"", "true", "1e309", "99999999999999999999", "[1]", "\"null\"")) {
            c.add(15, "exp/nbf edge cases", "exp " + exp, time,
                    time.token(RSA, "RS256").rawPayload("{\"iss\":\"" + Gate.ISSUER + "\",\"exp\":" + exp + "}").signedWith(RSA),
                    ReasonCode.INVALID_CLAIM);
        }
        c.add(15, "exp/nbf edge cases", "exp equal to now", time,
                time.token(RSA, "RS256").claim("exp", now).signedWith(RSA), ReasonCode.EXPIRED);
        c.add(15, "exp/nbf edge cases", "no exp", time, time.token(RSA, "RS256").noClaim("exp").signedWith(RSA),
                ReasonCode.MISSING_CLAIM);
        c.add(15, "exp/nbf edge cases", "iat one second ahead", time,
                time.token(RSA, "RS256").claim("iat", now + 1).signedWith(RSA), ReasonCode.ISSUED_IN_FUTURE);
        c.add(15, "exp/nbf edge cases", "nbf one second ahead", time,
                time.token(RSA, "RS256").claim("nbf", now + 1).signedWith(RSA), ReasonCode.NOT_YET_VALID);

        Gate expOptional = Gate.withKeys(RSA).set(Setting.CLOCK_SKEW_SECONDS, 0).set(Setting.REQUIRE_EXPIRATION, false);
        c.add(15, "exp/nbf edge cases", "exp null, require_expiration off", expOptional,
                expOptional.token(RSA, "RS256").claim("exp", null).signedWith(RSA), ReasonCode.INVALID_CLAIM);
        for (String claim : List.of("nbf", "iat")) {
            c.add(15, "exp/nbf edge cases", claim + " null", time,
                    time.token(RSA, "RS256").claim(claim, null).signedWith(RSA), ReasonCode.INVALID_CLAIM);
        }

        // A16: substitution across issuers, audiences and token types
        Gate tenantB = c.keys(RSA);
        c.add(16, "token substitution", "another tenant's iss, shared key", tenantB,
                tenantB.token(RSA, "RS256").claim("iss", "https://issuer.example/tenant-a").signedWith(RSA),
                ReasonCode.WRONG_ISSUER);
        Gate apiB = c.keys(RSA);
        apiB.config.audiences("api-b");
        c.add(16, "token substitution", "minted for another audience", apiB,
                apiB.token(RSA, "RS256").claim("aud", "api-a").signedWith(RSA), ReasonCode.WRONG_AUDIENCE);
        Gate accessOnly = c.keys(RSA).set(Setting.REQUIRED_TYPE, "at+jwt");
        c.add(16, "token substitution", "ID token where at+jwt is required", accessOnly,
                accessOnly.token(RSA, "RS256").with("typ", "JWT").signedWith(RSA), ReasonCode.WRONG_TYPE);

        // A17: lenient base64url (a trailing space is not listed: HTTP strips it before any gateway sees it)
        Gate strict = c.keys(RSA);
        String good = strict.token(RSA, "RS256").signedWith(RSA);
        for (String extra : List.of("=", "+", "/", "%3D")) {
            c.add(17, "lenient base64url", "'" + extra + "' after the signature", strict, good + extra, ReasonCode.MALFORMED);
        }
        c.add(17, "lenient base64url", "signature in the standard alphabet", strict, standardAlphabet(good),
                ReasonCode.MALFORMED);
        c.add(17, "lenient base64url", "padded header", strict, paddedHeader(good), ReasonCode.MALFORMED);

        // A18: key usage
        Gate encryptionKey = c.keys(EC.allowing());
        c.add(18, "key usage ignored", "key marked use enc", encryptionKey, encryptionKey.token(EC, "ES256").signedWith(EC),
                ReasonCode.KEY_ALGORITHM_MISMATCH);
        SigningKey rs384 = RSA.allowing("RS384");
        Gate otherAlg = c.keys(rs384);
        c.add(18, "key usage ignored", "header alg other than the key's alg", otherAlg,
                otherAlg.token(rs384, "RS256").signedWith(RSA), ReasonCode.KEY_ALGORITHM_MISMATCH);

        // A19: secrets in an asymmetric issuer's set
        SigningKey leaked = SigningKey.hmac("k1", 32);
        Gate leakedGate = c.keys(RSA, leaked.withKid("oct"));
        c.add(19, "secret in a remote JWKS", "HS256 naming an oct key of the set", leakedGate,
                leakedGate.token("HS256", "oct").signedWith(leaked), ReasonCode.UNSUPPORTED_ALGORITHM);
        TrustedKey octAsRsa = new TrustedKey("k1", KeyFamily.OCT, null, SigningKey.hmac("k1", 256).trusted().key(),
                Set.of("RS256"), "t");
        Gate octGate = c.keys(new SigningKey(null, octAsRsa));
        c.add(19, "secret in a remote JWKS", "secret mislabelled as an RSA key", octGate,
                octGate.token("RS256", "k1").signedWith(RSA), ReasonCode.KEY_ALGORITHM_MISMATCH);

        // A20: weak HMAC secrets
        SigningKey shortSecret = SigningKey.hmac("h1", 16);
        Gate shortGate = c.secrets(shortSecret);
        c.add(20, "weak HMAC secret", "16-byte secret", shortGate, shortGate.token(shortSecret, "HS256").signedWith(shortSecret),
                ReasonCode.KEY_ALGORITHM_MISMATCH);
        Gate hs384 = c.secrets(SECRET);
        c.add(20, "weak HMAC secret", "HS384 with a 32-byte secret", hs384, hs384.token(SECRET, "HS384").signedWith(SECRET),
                ReasonCode.KEY_ALGORITHM_MISMATCH);
        SecretKey blank = new BlankSecret();
        Gate blankGate = c.secrets(new SigningKey(blank, new TrustedKey("h1", KeyFamily.OCT, null, blank,
                Set.of("HS256"), "blank")));
        c.add(20, "weak HMAC secret", "blank secret", blankGate, blankGate.token("HS256", "h1").withSignature(new byte[32]),
                ReasonCode.KEY_ALGORITHM_MISMATCH);

        // A21: PKCS#1 v1.5 encoding variants, each a real RSA operation with the private key
        Gate pkcs1 = c.keys(RSA);
        c.add(21, "PKCS#1 v1.5 variants", "DigestInfo without NULL", pkcs1,
                rawRsa(pkcs1, Pkcs1Encodings.DIGEST_INFO_SHA256_WITHOUT_NULL, new byte[0]), ReasonCode.BAD_SIGNATURE);
        c.add(21, "PKCS#1 v1.5 variants", "DigestInfo with a long-form length", pkcs1,
                rawRsa(pkcs1, Pkcs1Encodings.DIGEST_INFO_SHA256_BER_LENGTH, new byte[0]), ReasonCode.BAD_SIGNATURE);
        c.add(21, "PKCS#1 v1.5 variants", "garbage after the digest", pkcs1,
                rawRsa(pkcs1, Pkcs1Encodings.DIGEST_INFO_SHA256, new byte[] {0x00, 0x01}), ReasonCode.BAD_SIGNATURE);

        // controls: the same worlds accept a genuine token, so a door that refused everything would fail
        for (Object[] control : new Object[][] {{RSA, "RS256"}, {RSA, "PS256"}, {EC, "ES256"}, {ED, "EdDSA"}}) {
            SigningKey key = (SigningKey) control[0];
            Gate gate = c.keys(key);
            c.add(0, "genuine token", (String) control[1], gate, gate.token(key, (String) control[1]).signedWith(key), null);
        }
        Gate hmac = c.secrets(SECRET);
        c.add(0, "genuine token", "HS256", hmac, hmac.token(SECRET, "HS256").signedWith(SECRET), null);
        c.add(0, "genuine token", "RS256, strict PKCS#1 encoding made by hand", pkcs1,
                rawRsa(pkcs1, Pkcs1Encodings.DIGEST_INFO_SHA256, new byte[0]), null);
        return List.copyOf(c.cases);
    }

    /** Collects cases, freezing each world's configuration and keys at the moment the case is added. */
    private static final class Corpus {
        final List<AttackCase> cases = new ArrayList<>();
        final Instant now;

        Corpus(Instant now) {
            this.now = now;
        }

        /** An asymmetric issuer's world, its clock at the corpus's instant. */
        Gate keys(SigningKey... keys) {
            return Gate.withKeys(keys).at(now);
        }

        /** An HMAC issuer's world, its clock at the corpus's instant. */
        Gate secrets(SigningKey... keys) {
            return Gate.withSecrets(keys).at(now);
        }

        void add(int number, String attack, String variant, Gate gate, String token, ReasonCode expected) {
            try {
                cases.add(new AttackCase(number, attack, variant, token, expected, gate.config.build(),
                        gate.source.current().keys(), now));
            } catch (KeysUnavailableException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String confused(Gate gate, byte[] secret) {
        return gate.token("HS256", "k1").signedWith(new SecretKeySpec(secret, "HMAC"));
    }

    private static byte[] pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, Object> publicJwk(SigningKey key) {
        try {
            return org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(key.trusted().key())
                    .toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P1363 ES256 signature with these r and s (each cut or padded to 32 bytes). */
    private static byte[] p1363(BigInteger r, BigInteger s) {
        byte[] out = new byte[64];
        place(r.toByteArray(), out, 0);
        place(s.toByteArray(), out, 32);
        return out;
    }

    private static void place(byte[] value, byte[] out, int at) {
        int len = Math.min(32, value.length);
        System.arraycopy(value, value.length - len, out, at + 32 - len, len);
    }

    private static String printable(String kid) {
        return kid.isEmpty() ? "(empty)" : "'" + kid.replace("\u0000", "\\0") + "'";
    }

    private static String standardAlphabet(String token) {
        String sig = token.substring(token.lastIndexOf('.') + 1);
        String standard = sig.replace('-', '+').replace('_', '/');
        String prefix = token.substring(0, token.lastIndexOf('.') + 1);
        return sig.equals(standard) ? prefix + "+" + sig.substring(1) : prefix + standard;
    }

    private static String paddedHeader(String token) {
        String[] parts = token.split("\\.");
        String padded = Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[0]));
        String header = padded.endsWith("=") ? padded : parts[0] + "==";
        return header + "." + parts[1] + "." + parts[2];
    }

    private static byte[] encodedMessage(Jws jws, byte[] digestInfo, byte[] trailing) {
        try {
            return Pkcs1Encodings.encodedMessage(digestInfo, jws.signingInput(), 256, trailing);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token whose signature is the raw RSA private operation over a hand-made encoded message. */
    private static String rawRsa(Gate gate, byte[] digestInfo, byte[] trailing) {
        Jws jws = gate.token(RSA, "RS256");
        try {
            Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
            raw.init(Cipher.ENCRYPT_MODE, RSA.signer());
            return jws.withSignature(raw.doFinal(encodedMessage(jws, digestInfo, trailing)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HMAC key with no bytes at all, which a key factory would never make. */
    /** A secret key of zero bytes, which no HMAC check may accept. */
    static final class BlankSecret implements SecretKey {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "HMAC";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }
}
