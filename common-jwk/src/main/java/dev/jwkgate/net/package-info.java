/**
 * Facts about network addresses that the configuration and the key sources both apply: which URLs jwkgate
 * fetches from ({@link dev.jwkgate.net.UrlRules}).
 */
package dev.jwkgate.net;
