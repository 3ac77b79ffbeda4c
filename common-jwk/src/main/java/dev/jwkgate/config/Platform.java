package dev.jwkgate.config;

/** A gateway whose own configuration names jwkgate's settings; see {@link Setting#nameOn(Platform)}. */
public enum Platform {
    /** Kong Gateway, through the external plugin server: plugin config fields. */
    KONG,
    /** Apache APISIX, through the Java plugin runner: the JSON text of an {@code ext-plugin} conf entry. */
    APISIX
}
