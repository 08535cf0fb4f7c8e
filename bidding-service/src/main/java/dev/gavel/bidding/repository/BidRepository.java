package dev.gavel.bidding.repository;

import dev.gavel.bidding.Bid;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BidRepository implements PanacheRepositoryBase<Bid, UUID> {

    /** The auction's bid log: the bids that carry a hash, in sequence order. */
    public java.util.List<Bid> log(UUID auctionId) {
        return find("auctionId = ?1 and hash is not null", Sort.ascending("sequence"), auctionId).list();
    }

    private static final String INSERT_ALL = """
            INSERT INTO bid (id, auction_id, bidder_id, bidder_name, anonymous, amount, max_amount, automatic,
                             placed_at, sequence, pseudonym, prev_hash, hash)
            SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::boolean[], ?::numeric[],
                                 ?::numeric[], ?::boolean[], ?::timestamptz[], ?::bigint[], ?::text[], ?::text[],
                                 ?::text[])""";

    /**
     * Inserts the bids of an engine transaction, on the transaction's connection: plain JDBC, one statement for all of
     * them (one array per column). The engine's hot path: persisting each bid through the session and inserting it at
     * the flush was 7.5 % of bidding-service's CPU under a hot bid storm (gavel-bench SpreadStorm -Dlots=1, JFR,
     * docs/benchmarks.md). Bids are never changed after, so nothing needs them in the session.
     */
    public void insertAll(List<Bid> bids) {
        if (bids.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
                int i = 0;
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.id));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.auctionId));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.bidderId));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.bidderName));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.anonymous));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.amount));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.maxAmount));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.automatic));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.placedAt));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.sequence));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.pseudonym));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.prevHash));
                insert.setArray(++i, Jdbc.column(connection, bids, b -> b.hash));
                insert.executeUpdate();
            }
        });
    }

    /** Newest first. */
    public PanacheQuery<Bid> history(UUID auctionId) {
        return find("auctionId", Sort.descending("sequence"), auctionId);
    }
}
