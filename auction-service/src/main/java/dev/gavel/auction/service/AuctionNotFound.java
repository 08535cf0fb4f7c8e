package dev.gavel.auction.service;

import dev.gavel.common.error.DomainException;

/** The one way the catalog says that an auction does not exist. */
public final class AuctionNotFound {

    public static final String CODE = "AUCTION_NOT_FOUND";
    public static final String DETAIL = "No such auction.";

    private AuctionNotFound() {
    }

    public static DomainException of() {
        return DomainException.notFound(CODE, DETAIL);
    }
}
