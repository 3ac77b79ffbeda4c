package dev.jwkgate.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * Something a test needs on the machine beyond the JDK and what Maven downloads (a browser, a Docker engine).
 * Where it is missing, the test is skipped with a message naming what to install, and Surefire and Failsafe
 * count it as skipped, never as passed; on CI ({@code CI=true}), where it is installed on purpose, a missing
 * component fails the test instead, so CI never silently drops it.
 *
 * @param description  what the test needs, as a reader recognises it (e.g. "headless Chromium and chromedriver")
 * @param howToInstall what to install to get it (package names, a command)
 */
public record ExternalComponent(String description, String howToInstall) {

    /** Whether this run is on CI: the environment variable {@code CI} is {@code true}, as CI services set it. */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The verdict for a test that needs this component: enabled when it is present, otherwise disabled with a
     * message naming what to install (also printed, so it shows in the build log), or on CI an error.
     *
     * @param present whether the component was found
     * @param test    the test that needs it, for the message
     * @throws AssertionError when the component is missing on CI
     */
    public ConditionEvaluationResult require(boolean present, String test) {
        return require(present, test, onCi());
    }

    ConditionEvaluationResult require(boolean present, String test, boolean onCi) {
        if (present) {
            return ConditionEvaluationResult.enabled(description + " found");
        }
        String missing = test + " needs " + description + ", which is not installed here; install " + howToInstall;
        if (onCi) {
            throw new AssertionError("CI=true, so this fails instead of being skipped: " + missing);
        }
        System.out.println("SKIPPED " + missing);
        return ConditionEvaluationResult.disabled("SKIPPED " + missing);
    }
}
