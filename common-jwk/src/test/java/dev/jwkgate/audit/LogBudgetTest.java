package dev.jwkgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.source.support.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A flood costs a bounded number of lines, and every line held back is counted in a summary. */
class LogBudgetTest {

    private final TestClock clock = new TestClock();
    private final ManualTimer timer = new ManualTimer();
    private final List<LogBudget.Summary> summaries = new ArrayList<>();

    /** Tasks run when the test says so. */
    static final class ManualTimer implements LogBudget.Timer {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();

        @Override
        public void after(Duration delay, Runnable task) {
            delays.add(delay);
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    private LogBudget budget(int lines) {
        return new LogBudget(lines, Duration.ofSeconds(60), clock, timer, summaries::add);
    }

    @Test
    void writesTheFirstLinesOfAnIntervalOneByOne() {
        LogBudget budget = budget(3);

        assertThat(budget.admit("expired", "idp")).isTrue();
        assertThat(budget.admit("bad_signature", "idp")).isTrue();
        assertThat(budget.admit("expired", "idp")).isTrue();
        assertThat(budget.admit("expired", "idp")).isFalse();
    }

    @Test
    void sumsUpTheLinesHeldBackByKeyAtTheEndOfTheInterval() {
        LogBudget budget = budget(2);
        for (int i = 0; i < 1000; i++) {
            budget.admit(i % 10 == 0 ? "expired" : "bad_signature", "idp");
        }

        assertThat(summaries).isEmpty();
        assertThat(timer.delays).containsExactly(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        timer.runAll();

        assertThat(summaries).hasSize(1);
        LogBudget.Summary summary = summaries.get(0);
        assertThat(summary.logged()).isEqualTo(2);
        assertThat(summary.total()).isEqualTo(998);
        assertThat(summary.notLogged()).isEqualTo(Map.of("bad_signature", 899L, "expired", 99L));
        assertThat(summary.source()).isEqualTo("idp");
        assertThat(summary.interval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void givesTheSummaryAtTheFirstLineOfALaterIntervalWhenThatComesFirst() {
        LogBudget budget = budget(1);
        budget.admit("expired", "idp");
        budget.admit("expired", "idp");
        clock.advance(Duration.ofSeconds(61));

        assertThat(budget.admit("expired", "idp")).isTrue();
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).total()).isEqualTo(1);

        timer.runAll(); // the timer of the closed interval finds nothing left to say
        assertThat(summaries).hasSize(1);
    }

    @Test
    void saysNothingAboutAnIntervalWithinBudget() {
        LogBudget budget = budget(5);
        budget.admit("expired", "idp");
        clock.advance(Duration.ofSeconds(120));
        budget.admit("expired", "idp");
        timer.runAll();

        assertThat(summaries).isEmpty();
        assertThat(timer.delays).isEmpty();
    }

    @Test
    void writesOnlySummariesWithABudgetOfZero() {
        LogBudget budget = budget(0);

        assertThat(budget.admit("expired", "idp")).isFalse();
        clock.advance(Duration.ofSeconds(60));
        timer.runAll();

        assertThat(summaries).singleElement().satisfies(s -> assertThat(s.logged()).isZero());
    }

    @Test
    void startsAFreshBudgetEachInterval() {
        LogBudget budget = budget(1);
        budget.admit("expired", "idp");
        assertThat(budget.admit("expired", "idp")).isFalse();

        clock.advance(Duration.ofSeconds(60));

        assertThat(budget.admit("expired", "idp")).isTrue();
    }
}
