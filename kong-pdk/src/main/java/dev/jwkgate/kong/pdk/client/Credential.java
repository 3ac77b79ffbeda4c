package dev.jwkgate.kong.pdk.client;

/** The credential a plugin authenticated the request with ({@code kong.client.get_credential}/{@code authenticate}). */
public record Credential(String id, String consumerId) {
}
