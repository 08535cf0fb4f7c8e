package dev.gavel.auction.repository;

import dev.gavel.auction.Auction;
import dev.gavel.events.AuctionType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A checked catalog query: every field optional except sort and paging. */
public record SearchQuery(String text, UUID categoryId, List<Auction.Status> statuses, AuctionType type,
        BigDecimal minPrice, BigDecimal maxPrice, UUID sellerId, Instant endingBefore, UUID watcherId, Sort sort,
        int page, int size, int maxCounted) {

    public enum Sort {
        ENDS_AT_ASC("endsAt,asc"), ENDS_AT_DESC("endsAt,desc"), PRICE_ASC("currentPrice,asc"),
        PRICE_DESC("currentPrice,desc"), CREATED_DESC("createdAt,desc"), BID_COUNT_DESC("bidCount,desc"),
        RELEVANCE("relevance"), WATCHED_DESC("watchedAt,desc");

        public final String text;

        Sort(String text) {
            this.text = text;
        }
    }
}
