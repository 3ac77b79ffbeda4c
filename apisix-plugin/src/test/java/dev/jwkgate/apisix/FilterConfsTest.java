package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.token.AttackCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FilterConfsTest {

    private final List<String> parsed = new ArrayList<>();
    private final FilterConfs confs = new FilterConfs(value -> {
        parsed.add(value);
        return new FilterConf.Invalid("test");
    });

    @Test
    void parsesTheConfOfOneConfTokenOnce() {
        String value = new String("{\"issuer\":\"x\"}");

        FilterConf first = confs.forValue(value);
        FilterConf second = confs.forValue(value);

        assertThat(second).isSameAs(first);
        assertThat(parsed).hasSize(1);
    }

    @Test
    void parsesTheConfOfANewConfTokenAgainEvenWhenTheTextIsEqual() {
        // the runner decodes a fresh string per PrepareConf: a new conf token is a new instance
        confs.forValue(new String("{\"issuer\":\"x\"}"));
        confs.forValue(new String("{\"issuer\":\"x\"}"));

        assertThat(parsed).hasSize(2);
    }

    @Test
    void handsAMissingValueToTheParser() {
        assertThat(confs.forValue(null)).isInstanceOf(FilterConf.Invalid.class);
        assertThat(parsed).containsExactly((String) null);
    }

    @Test
    void releasingAConfTokensValueReleasesItsConfigurationOnce() {
        AtomicInteger released = new AtomicInteger();
        FilterConfs holding = new FilterConfs(value -> new FilterConf.Valid(AttackCorpus.cases().get(0).policy(),
                released::incrementAndGet));
        String value = new String("{\"issuer\":\"x\"}");
        FilterConf first = holding.forValue(value);

        holding.release(value);
        holding.release(value);

        assertThat(released).hasValue(1);
        assertThat(holding.forValue(value)).isNotSameAs(first);
    }

    @Test
    void releasingAnotherStringWithTheSameTextLeavesTheConfigurationAlone() {
        AtomicInteger released = new AtomicInteger();
        FilterConfs holding = new FilterConfs(value -> new FilterConf.Valid(AttackCorpus.cases().get(0).policy(),
                released::incrementAndGet));
        holding.forValue(new String("{\"issuer\":\"x\"}"));

        holding.release(new String("{\"issuer\":\"x\"}"));

        assertThat(released).hasValue(0);
    }
}
