package dev.gavel.payment.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.events.BidderApproved;
import dev.gavel.events.DepositReleased;
import dev.gavel.outbox.Outbox;
import dev.gavel.payment.AuctionTerms;
import dev.gavel.payment.Deposit;
import dev.gavel.payment.Order;
import dev.gavel.payment.repository.AuctionTermsRepository;
import dev.gavel.payment.repository.DepositRepository;
import dev.gavel.payment.service.Transfer.Account;
import dev.gavel.common.error.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Deposits to bid (CONTRACT §5b): the auction's {@code depositRequired} is held on the bidder's wallet and
 * {@code bidder-approved} tells bidding-service; at the close every deposit but the winner's is released
 * ({@code deposit-released}) and the winner's goes into the order's escrow as part payment.
 */
@ApplicationScoped
public class Deposits {

    static final NotFound AUCTION_NOT_FOUND = NotFound.of("auction");

    private final AuctionTermsRepository terms;
    private final DepositRepository deposits;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Clock clock;

    public Deposits(AuctionTermsRepository terms, DepositRepository deposits, Ledger ledger, Outbox outbox,
            Clock clock) {
        this.terms = terms;
        this.deposits = deposits;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The outcome of a deposit request: the deposit, and whether this request placed it. */
    public record Placed(Deposit deposit, boolean created) {
    }

    /** Holds the auction's deposit on the caller's wallet; asking again returns the deposit already held. */
    @Transactional
    public Placed place(Caller caller, UUID auctionId) {
        caller.requireVerifiedEmail();
        Instant now = clock.instant();
        AuctionTerms auction = terms.lock(auctionId).orElseThrow(AUCTION_NOT_FOUND::exception);
        Deposit existing = deposits.findById(new Deposit.Key(auctionId, caller.id()));
        if (existing != null) {
            return new Placed(existing, false);
        }
        if (auction.depositRequired == null) {
            throw DomainException.conflict("DEPOSIT_NOT_REQUIRED", "This auction takes bids without a deposit.");
        }
        if (auction.sellerId.equals(caller.id())) {
            throw DomainException.forbidden("OWN_AUCTION", "Sellers do not bid on their own auction.");
        }
        if (auction.closed || !now.isBefore(auction.endsAt)) {
            throw DomainException.conflict("AUCTION_NOT_ACTIVE", "The auction is over.");
        }
        ledger.post(Transfer.of("DEPOSIT_HOLD", auctionId + ":" + caller.id(), "Deposit for " + auction.title,
                auction.currency).move(auction.depositRequired, Account.wallet(caller.id()), Account.held(caller.id()))
                .build());
        Deposit deposit = new Deposit();
        deposit.id = new Deposit.Key(auctionId, caller.id());
        deposit.amount = auction.depositRequired;
        deposit.currency = auction.currency;
        deposit.status = Deposit.Status.HELD;
        deposit.heldAt = now;
        deposits.persist(deposit);
        outbox.publish(new BidderApproved(UUID.randomUUID(), auctionId, caller.id(), deposit.amount, deposit.currency,
                now));
        return new Placed(deposit, true);
    }

    /** The caller's deposit for the auction. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Deposit of(UUID bidderId, UUID auctionId) {
        Deposit deposit = deposits.findById(new Deposit.Key(auctionId, bidderId));
        if (deposit == null) {
            throw DomainException.notFound("DEPOSIT_NOT_FOUND", "You hold no deposit for this auction.");
        }
        return deposit;
    }

    /**
     * At the close: releases every held deposit of the auction except the winner's, which goes into the order's
     * escrow (up to the order's total; what is left over is released too).
     *
     * @param order the winner's order, or null when nobody won
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settleAtClose(UUID auctionId, Order order) {
        Instant now = clock.instant();
        for (Deposit deposit : deposits.heldFor(auctionId)) {
            UUID bidder = deposit.id.bidderId();
            BigDecimal applied = BigDecimal.ZERO.setScale(2);
            if (order != null && bidder.equals(order.buyerId) && deposit.currency.equals(order.currency)) {
                applied = deposit.amount.min(order.total);
                ledger.post(Transfer.of("DEPOSIT_APPLIED", auctionId + ":" + bidder,
                        "Deposit towards " + order.title, deposit.currency)
                        .move(applied, Account.held(bidder), Account.escrow(order.id)).build());
                order.depositApplied = applied;
                deposit.status = Deposit.Status.APPLIED;
            } else {
                deposit.status = Deposit.Status.RELEASED;
            }
            BigDecimal released = deposit.amount.subtract(applied);
            if (released.signum() > 0) {
                ledger.post(Transfer.of("DEPOSIT_RELEASE", auctionId + ":" + bidder, "Deposit released",
                        deposit.currency).move(released, Account.held(bidder), Account.wallet(bidder)).build());
                outbox.publish(new DepositReleased(UUID.randomUUID(), auctionId, bidder, released, deposit.currency,
                        now));
            }
            deposit.settledAt = now;
        }
    }
}
