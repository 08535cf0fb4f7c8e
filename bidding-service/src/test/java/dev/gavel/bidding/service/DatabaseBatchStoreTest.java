package dev.gavel.bidding.service;

import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BiddingTest;
import dev.gavel.bidding.repository.BidRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.UserTransaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The engine's bids go to PostgreSQL in one statement per transaction (plain JDBC, not the session): every column as
 * decided, and never a commit that leaves a decided bid unwritten.
 */
@BiddingTest
class DatabaseBatchStoreTest {

    @Inject
    DatabaseBatchStore store;
    @Inject
    BidRepository bids;
    @Inject
    UserTransaction transaction;

    @Test
    void theBidsOfATransactionAreWrittenTogetherWithEveryColumn() throws Exception {
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)),
                null));
        Bid first = bid(auction, 1, "10.00", "25.00", false, "Ann", false, null);
        Bid second = bid(auction, 2, "11.00", "11.00", true, "Bob", true, first.hash);

        transaction.begin();
        store.persist(first);
        store.persist(second);
        store.writeBids();
        transaction.commit();

        for (Bid expected : new Bid[] {first, second}) {
            Bid found = QuarkusTransaction.requiringNew().call(() -> bids.findById(expected.id));
            assertEquals(expected.auctionId, found.auctionId);
            assertEquals(expected.bidderId, found.bidderId);
            assertEquals(expected.bidderName, found.bidderName);
            assertEquals(expected.anonymous, found.anonymous);
            assertEquals(0, expected.amount.compareTo(found.amount));
            assertEquals(0, expected.maxAmount.compareTo(found.maxAmount));
            assertEquals(expected.automatic, found.automatic);
            assertEquals(expected.placedAt, found.placedAt);
            assertEquals(expected.sequence, found.sequence);
            assertEquals(expected.pseudonym, found.pseudonym);
            assertEquals(expected.prevHash, found.prevHash);
            assertEquals(expected.hash, found.hash);
        }
    }

    @Test
    void aTransactionThatWouldCommitWithABidNotWrittenIsRolledBack() throws Exception {
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)),
                null));
        Bid forgotten = bid(auction, 1, "10.00", "10.00", false, "Cid", false, null);

        transaction.begin();
        store.persist(forgotten);
        assertThrows(RollbackException.class, transaction::commit);

        assertNull(QuarkusTransaction.requiringNew().call(() -> bids.findById(forgotten.id)));
    }

    private static Bid bid(UUID auction, long sequence, String amount, String max, boolean automatic, String name,
            boolean anonymous, String prevHash) {
        Bid bid = new Bid();
        bid.id = UUID.randomUUID();
        bid.auctionId = auction;
        bid.bidderId = UUID.randomUUID();
        bid.bidderName = name;
        bid.anonymous = anonymous;
        bid.amount = new BigDecimal(amount);
        bid.maxAmount = new BigDecimal(max);
        bid.automatic = automatic;
        bid.placedAt = now().truncatedTo(ChronoUnit.MICROS);
        bid.sequence = sequence;
        bid.pseudonym = "bidder-" + sequence;
        bid.prevHash = prevHash == null ? BidLog.GENESIS : prevHash;
        bid.hash = BidLog.hash(bid.prevHash, name + sequence);
        return bid;
    }
}
