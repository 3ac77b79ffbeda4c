package dev.jwkgate.keys;

import java.util.List;

/** The keys of one JWKS that passed the ingestion policy, and those that were dropped. */
public record IngestedKeySet(KeySet keys, List<KeyRefusal> refusals) {

    public IngestedKeySet {
        refusals = List.copyOf(refusals);
    }
}
