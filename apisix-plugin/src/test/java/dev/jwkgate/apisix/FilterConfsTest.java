package dev.jwkgate.apisix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
