package dev.gavel.bidding.service;

import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.common.error.DomainException;

/**
 * The engine's answer to one command of a batch: the accepted bid (fresh, or replayed for a repeated
 * Idempotency-Key), or the rule that rejected it.
 */
public record Decision(BidResult accepted, DomainException rejection) {

    static Decision accepted(BidResult result) {
        return new Decision(result, null);
    }

    static Decision rejected(DomainException rule) {
        return new Decision(null, rule);
    }
}
