package dev.jwkgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one list of upstream header changes: no name twice, so platforms may apply it in any order. */
class HeaderChangesTest {

    @Test
    void dropsTheRemovalOfANameThatIsAlsoSetSinceSettingReplacesEveryCopy() {
        HeaderChanges changes = new HeaderChanges();
        changes.remove("x-user-id");
        changes.set("X-User-Id", "alice");
        assertThat(changes.toList()).containsExactly(HeaderChange.set("X-User-Id", "alice"));
    }

    @Test
    void keepsTheFirstOfTwoSetsOfOneName() {
        HeaderChanges changes = new HeaderChanges();
        changes.set("Cookie", "claim");
        changes.set("cookie", "rest");
        assertThat(changes.toList()).containsExactly(HeaderChange.set("Cookie", "claim"));
    }

    @Test
    void listsEachRemovalOnceWhateverItsCase() {
        HeaderChanges changes = new HeaderChanges();
        changes.remove("x-a");
        changes.remove("X-A");
        changes.remove("x_a");
        assertThat(changes.toList()).containsExactly(HeaderChange.remove("x-a"), HeaderChange.remove("x_a"));
    }

    @Test
    void removalsComeBeforeSets() {
        HeaderChanges changes = new HeaderChanges();
        changes.set("X-B", "b");
        changes.remove("x-a");
        assertThat(changes.toList()).containsExactly(HeaderChange.remove("x-a"), HeaderChange.set("X-B", "b"));
    }

    @Test
    void namesDifferingBeyondAsciiAreTwoHeadersAsNginxComparesThem() {
        // nginx folds ASCII case only (ngx_strncasecmp): KELVIN SIGN is not 'k' there
        HeaderChanges changes = new HeaderChanges();
        changes.remove("k-id");
        changes.set("\u212A-Id", "alice");
        assertThat(changes.toList()).containsExactly(HeaderChange.remove("k-id"), HeaderChange.set("\u212A-Id", "alice"));
    }
}
