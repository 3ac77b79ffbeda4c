package dev.jwkgate.kong.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The peer's {@code kong.service.request.set_headers}, pinned to what Kong's code does with each kind of
 * argument ({@code pb_rpc.lua} unwrapping, {@code checks.validate_headers}/{@code normalize_multi_header},
 * {@code ngx.req.set_header}), so plugins tested against the peer behave the same against Kong.
 */
class SetHeadersAsKongDoesTest {

    private final FakeKongPdk kong = FakeKongPdk.request("GET", Map.of(
            "x-user-id", List.of("mallory", "eve"), "accept", "*/*", "x-scope", "admin"));

    @Test
    void replacesEveryClientValueOfTheHeaderWhateverTheCaseOfItsName() {
        assertThat(setHeaders(entry("X-USER-ID", string("alice")))).isPresent();
        assertThat(kong.upstreamHeaderValues("x-user-id")).containsExactly("alice");
    }

    @Test
    void leavesHeadersItDoesNotNameUnchanged() {
        setHeaders(entry("X-User-Id", string("alice")));
        assertThat(kong.upstreamHeaders()).containsEntry("accept", "*/*").containsEntry("x-scope", "admin");
    }

    @Test
    void setsSeveralHeadersInOneCall() {
        setHeaders(entry("X-User-Id", string("alice")), entry("X-Client-Id", string("web")));
        assertThat(kong.upstreamHeaders()).containsEntry("x-user-id", "alice").containsEntry("x-client-id", "web");
        assertThat(kong.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void arraySetsOneHeaderPerItemInOrder() {
        setHeaders(entry("X-Role", list(string("a"), string("b"))));
        assertThat(kong.upstreamHeaderValues("x-role")).containsExactly("a", "b");
    }

    @Test
    void emptyArrayRemovesTheHeaderAsClearHeaderDoes() {
        setHeaders(entry("X-User-Id", list()));
        assertThat(kong.upstreamHeaders()).doesNotContainKey("x-user-id");
    }

    @Test
    void emptyStringIsSentAsASingleSpaceAloneAndInAnArray() {
        setHeaders(entry("X-A", string("")), entry("X-B", list(string(""), string("b"))));
        assertThat(kong.upstreamHeaderValues("x-a")).containsExactly(" ");
        assertThat(kong.upstreamHeaderValues("x-b")).containsExactly(" ", "b");
    }

    @Test
    void numberIsSentAsLuaJitPrintsItWithFourteenSignificantDigits() {
        setHeaders(entry("X-Int", number(42)), entry("X-Fraction", number(1.5)), entry("X-Large", number(1e15)),
                entry("X-Long", number(123456789012345d)), entry("X-Small", number(0.00001)));
        assertThat(kong.upstreamHeaders()).containsEntry("x-int", "42").containsEntry("x-fraction", "1.5")
                .containsEntry("x-large", "1e+15").containsEntry("x-long", "1.2345678901234e+14")
                .containsEntry("x-small", "1e-05");
    }

    @Test
    void trueIsSentAsTheWordTrue() {
        setHeaders(entry("X-Flag", bool(true)));
        assertThat(kong.upstreamHeaders()).containsEntry("x-flag", "true");
    }

    @Test
    void falseArrivesAsNilSoTheEntryIsIgnoredAndTheClientsHeaderStays() {
        assertThat(setHeaders(entry("X-Scope", bool(false)))).isPresent();
        assertThat(kong.upstreamHeaders()).containsEntry("x-scope", "admin");
    }

    @Test
    void nullIsSentAsTheEnumNameNullValue() {
        setHeaders(entry("X-Scope", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()));
        assertThat(kong.upstreamHeaders()).containsEntry("x-scope", "NULL_VALUE");
    }

    @Test
    void arrayItemThatIsNotAStringFailsTheRequestBeforeAnyHeaderChanges() {
        Optional<byte[]> reply = setHeaders(entry("X-User-Id", string("alice")), entry("X-Role", list(number(1))));
        assertThat(reply).isEmpty();
        assertThat(kong.upstreamHeaderValues("x-user-id")).containsExactly("mallory", "eve");
    }

    @Test
    void arrayEndsAtTheFirstItemThatArrivesAsNil() {
        setHeaders(entry("X-Role", list(string("a"), bool(false), string("b"))));
        assertThat(kong.upstreamHeaderValues("x-role")).containsExactly("a");
    }

    @Test
    void nestedObjectHasNoArrayPartSoItRemovesTheHeader() {
        setHeaders(entry("X-Scope", Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("a", string("b"))).build()));
        assertThat(kong.upstreamHeaders()).doesNotContainKey("x-scope");
    }

    @Test
    void unsafeBytesInANameArePercentEscapedNotRefused() {
        assertThat(setHeaders(entry("X Bad:Name", string("v")))).isPresent();
        assertThat(kong.upstreamHeaders()).containsEntry("x%20bad%3aname", "v");
    }

    @Test
    void controlCharactersInAValueArePercentEscapedExceptTab() {
        setHeaders(entry("X-Note", string("a\r\nb\tc")));
        assertThat(kong.upstreamHeaders()).containsEntry("x-note", "a%0D%0Ab\tc");
    }

    @Test
    void hostHeaderAlsoPointsTheUpstreamHostVariableAtTheValue() {
        setHeaders(entry("Host", string("api.internal")));
        assertThat(kong.upstreamHost()).isEqualTo("api.internal");
        assertThat(kong.upstreamHeaders()).containsEntry("host", "api.internal");
    }

    private Optional<byte[]> setHeaders(Map.Entry<String, Value>... entries) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : entries) {
            fields.put(e.getKey(), e.getValue());
        }
        return kong.call("kong.service.request.set_headers", Struct.newBuilder().putAllFields(fields).build().toByteArray());
    }

    private static Map.Entry<String, Value> entry(String name, Value value) {
        return Map.entry(name, value);
    }

    private static Value string(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Value number(double d) {
        return Value.newBuilder().setNumberValue(d).build();
    }

    private static Value bool(boolean b) {
        return Value.newBuilder().setBoolValue(b).build();
    }

    private static Value list(Value... items) {
        return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(List.of(items))).build();
    }
}
