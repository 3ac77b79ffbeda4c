package dev.jwkgate.keycloak.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.text.MessageFormat;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.keycloak.component.ComponentValidationException;

/** Asserts on a refused save as the admin reads it: Keycloak formats the message before answering 400. */
public final class Refusals {

    private Refusals() {
    }

    public static AbstractStringAssert<?> assertRefused(ThrowingCallable save) {
        ComponentValidationException e = catchThrowableOfType(ComponentValidationException.class, save);
        assertThat(e).as("the save was refused").isNotNull();
        return assertThat(MessageFormat.format(e.getMessage(), e.getParameters()));
    }
}
