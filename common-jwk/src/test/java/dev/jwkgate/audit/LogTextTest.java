package dev.jwkgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogTextTest {

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x0a, 0x0d, 0x1b, 0x7f})
    void escapesC0ControlsAndDelete(int c) {
        assertThat(LogText.escape("a" + (char) c + "b")).isEqualTo(String.format("a\\u%04xb", c));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x80, 0x85, 0x9b, 0x9f})
    void escapesC1ControlsAmongThemNextLine(int c) {
        assertThat(LogText.escape("a" + (char) c + "b")).isEqualTo(String.format("a\\u%04xb", c));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x2028, 0x2029})
    void escapesTheLineAndParagraphSeparators(int c) {
        assertThat(LogText.escape("a" + (char) c + "b")).isEqualTo(String.format("a\\u%04xb", c));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c})
    void escapesBidiControls(int c) {
        assertThat(LogText.escape("a" + (char) c + "b")).isEqualTo(String.format("a\\u%04xb", c));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x200b, 0x200d, 0x2060, 0xfeff, 0x00ad})
    void escapesOtherFormatCharacters(int c) {
        assertThat(LogText.escape("a" + (char) c + "b")).isEqualTo(String.format("a\\u%04xb", c));
    }

    @Test
    void escapesAFormatCharacterOutsideTheBasicPlaneAsItsTwoHalves() {
        String languageTag = new String(Character.toChars(0xE0001));

        assertThat(LogText.escape("a" + languageTag)).isEqualTo("a\\udb40\\udc01");
    }

    @Test
    void escapesSurrogatesThatAreNotHalfOfAPair() {
        assertThat(LogText.escape("a\ud800b")).isEqualTo("a\\ud800b");
        assertThat(LogText.escape("a\udc00b")).isEqualTo("a\\udc00b");
        assertThat(LogText.escape("a\ud800")).isEqualTo("a\\ud800");
    }

    @Test
    void keepsPrintableTextOfAnyScriptAsItIs() {
        String text = "kid-\u00e9\u4e2d\ud83d\ude00 \u0410";

        assertThat(LogText.escape(text)).isEqualTo(text);
    }

    @Test
    void escapesBackslashAndQuoteSoEveryEscapeInALogLineIsOurs() {
        assertThat(LogText.escape("a\\u000ab'c")).isEqualTo("a\\\\u000ab\\'c");
    }

    @Test
    void quotesAStringAndNamesOnlyTheTypeOfOtherJsonValues() {
        assertThat(LogText.quote("k1")).isEqualTo("'k1'");
        assertThat(LogText.quote(null)).isEqualTo("null");
        assertThat(LogText.quote(42L)).isEqualTo("a JSON number");
        assertThat(LogText.quote(true)).isEqualTo("a JSON boolean");
        assertThat(LogText.quote(List.of("a"))).isEqualTo("a JSON array");
        assertThat(LogText.quote(Map.of("a", 1))).isEqualTo("a JSON object");
    }

    @Test
    void cutsLongTextAndSaysHowLongItWas() {
        String long5000 = "i".repeat(5_000);

        assertThat(LogText.escape(long5000)).isEqualTo("i".repeat(LogText.MAX_SHOWN) + "...(5000 chars)");
        assertThat(LogText.quote(long5000)).isEqualTo("'" + "i".repeat(LogText.MAX_SHOWN) + "'...(5000 chars)");
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String text = "i".repeat(LogText.MAX_SHOWN - 1) + "\ud83d\ude00" + "tail";

        assertThat(LogText.escape(text)).isEqualTo("i".repeat(LogText.MAX_SHOWN - 1) + "...(" + text.length() + " chars)");
    }

    @Test
    void leavesNullAsNull() {
        assertThat(LogText.escape(null)).isNull();
    }
}
