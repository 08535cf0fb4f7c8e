package dev.gavel.auction.repository;

import dev.gavel.auction.Auction;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class AuctionRepository implements PanacheRepositoryBase<Auction, UUID> {

    /** SCHEDULED auctions whose start has come become ACTIVE; idempotent, so safe with several replicas. */
    public int activateDue(Instant now) {
        return update("status = ?1, updatedAt = ?2 where status = ?3 and startsAt <= ?2",
                Auction.Status.ACTIVE, now, Auction.Status.SCHEDULED);
    }

    /** The auction, locked until the transaction ends: edits, cancels and the engine's events never interleave. */
    public Optional<Auction> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The auctions of these ids, in the order of the ids. */
    public List<Auction> inOrder(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Auction> found = list("id in ?1", ids).stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** One page of ids for a search, and the total: plain SQL, because it is full-text search on indexes. */
    public SearchResult search(SearchQuery query) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        Map<String, Object> params = new HashMap<>();
        if (query.text() != null) {
            where.append(" AND a.search @@ websearch_to_tsquery('english', :q)");
            params.put("q", query.text());
        }
        if (query.categoryId() != null) {
            where.append(" AND a.category_path @> ARRAY[CAST(:category AS uuid)]");
            params.put("category", query.categoryId());
        }
        if (query.statuses() != null) {
            where.append(" AND a.status IN (:statuses)");
            params.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.type() != null) {
            where.append(" AND a.type = :type");
            params.put("type", query.type().name());
        }
        if (query.minPrice() != null) {
            where.append(" AND a.current_price >= :minPrice");
            params.put("minPrice", query.minPrice());
        }
        if (query.maxPrice() != null) {
            where.append(" AND a.current_price <= :maxPrice");
            params.put("maxPrice", query.maxPrice());
        }
        if (query.sellerId() != null) {
            where.append(" AND a.seller_id = :seller");
            params.put("seller", query.sellerId());
        }
        if (query.endingBefore() != null) {
            where.append(" AND a.ends_at < :endingBefore");
            params.put("endingBefore", query.endingBefore());
        }
        if (query.watcherId() != null) {
            where.append(" AND w.user_id = :watcher");
            params.put("watcher", query.watcherId());
        }
        String from = query.watcherId() == null ? " FROM auction a"
                : " FROM auction a JOIN watchlist_entry w ON w.auction_id = a.id";
        String order = switch (query.sort()) {
            case ENDS_AT_ASC -> "a.ends_at ASC, a.id ASC";
            case ENDS_AT_DESC -> "a.ends_at DESC, a.id DESC";
            case PRICE_ASC -> "a.current_price ASC, a.id ASC";
            case PRICE_DESC -> "a.current_price DESC, a.id DESC";
            case CREATED_DESC -> "a.created_at DESC, a.id ASC";
            case BID_COUNT_DESC -> "a.bid_count DESC, a.id ASC";
            case RELEVANCE -> "ts_rank(a.search, websearch_to_tsquery('english', :q)) DESC, a.ends_at ASC, a.id ASC";
            case WATCHED_DESC -> "w.added_at DESC, a.id ASC";
        };
        // Plan each search for its own values: a cached generic plan cannot know how selective a category, a price
        // range or a word is, and picks a plan that is fine for one and slow for the next.
        getEntityManager().createNativeQuery("SET LOCAL plan_cache_mode = force_custom_plan").executeUpdate();
        Query ids = getEntityManager().createNativeQuery(
                "SELECT a.id" + from + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset", UUID.class);
        Query count = getEntityManager().createNativeQuery(
                "SELECT count(*) FROM (SELECT 1" + from + where + " LIMIT " + (query.maxCounted() + 1) + ") matches", Long.class);
        params.forEach((k, v) -> {
            ids.setParameter(k, v);
            count.setParameter(k, v);
        });
        ids.setParameter("limit", query.size());
        ids.setParameter("offset", (long) query.page() * query.size());
        @SuppressWarnings("unchecked")
        List<UUID> page = ids.getResultList();
        long total = page.isEmpty() && query.page() == 0 ? 0 : ((Number) count.getSingleResult()).longValue();
        return new SearchResult(page, Math.min(total, query.maxCounted()), total <= query.maxCounted());
    }

    /** @param exact false when more than the query's maxCounted auctions match: then {@code total} is that bound */
    public record SearchResult(List<UUID> ids, long total, boolean exact) {
    }

    /** Rewrites the auction's category_path (its categories and all their ancestors) after its categories changed. */
    public void refreshCategoryPath(UUID auctionId) {
        getEntityManager().createNativeQuery("""
                UPDATE auction SET category_path = COALESCE((
                    WITH RECURSIVE up(id) AS (
                        SELECT category_id FROM auction_category WHERE auction_id = :id
                        UNION
                        SELECT c.parent_id FROM up JOIN category c ON c.id = up.id WHERE c.parent_id IS NOT NULL)
                    SELECT array_agg(id) FROM up), '{}')
                WHERE id = :id""").setParameter("id", auctionId).executeUpdate();
    }
}
