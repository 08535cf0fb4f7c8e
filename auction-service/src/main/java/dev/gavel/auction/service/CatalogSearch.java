package dev.gavel.auction.service;

import dev.gavel.auction.api.Viewer;
import dev.gavel.auction.Auction;
import dev.gavel.auction.Category;
import dev.gavel.auction.config.AuctionConfig;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.auction.repository.CategoryRepository;
import dev.gavel.auction.repository.SearchQuery;
import dev.gavel.auction.repository.SearchQuery.Sort;
import dev.gavel.auction.api.AuctionDtos.AuctionView;
import dev.gavel.auction.api.AuctionDtos.CatalogPage;
import dev.gavel.common.problem.FieldError;
import dev.gavel.common.error.DomainException;
import dev.gavel.events.AuctionType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reading the catalog: search with filters and sorts, a seller's own auctions, a user's watchlist. */
@ApplicationScoped
@Transactional
public class CatalogSearch {

    public static final int MAX_QUERY = 200;

    private final AuctionRepository auctions;
    private final CategoryRepository categories;
    private final AuctionViews service;
    private final AuctionConfig config;

    public CatalogSearch(AuctionRepository auctions, CategoryRepository categories, AuctionViews service,
            AuctionConfig config) {
        this.auctions = auctions;
        this.categories = categories;
        this.service = service;
        this.config = config;
    }

    /** The query parameters of {@code GET /api/auctions}, as sent. */
    public record Params(String q, String category, String status, String type, String minPrice, String maxPrice,
            String sellerId, String endingBefore, String sort, int page, int size) {
    }

    public CatalogPage search(Params p, Viewer viewer) {
        List<FieldError> errors = new ArrayList<>();
        String text = p.q() == null || p.q().isBlank() ? null : p.q().strip();
        if (text != null && text.length() > MAX_QUERY) {
            errors.add(new FieldError("q", "must be at most " + MAX_QUERY + " characters"));
        }
        UUID categoryId = null;
        if (p.category() != null && !p.category().isBlank()) {
            Category category = category(p.category().strip());
            if (category == null) {
                errors.add(new FieldError("category", "is not a category id or slug"));
            } else {
                categoryId = category.id;
            }
        }
        List<Auction.Status> statuses = null;
        if (p.status() != null && !p.status().isBlank()) {
            statuses = new ArrayList<>();
            for (String s : p.status().split(",")) {
                Auction.Status status = parseEnum(Auction.Status.class, s, "status", errors);
                if (status != null) {
                    statuses.add(status);
                }
            }
        }
        AuctionType type = p.type() == null || p.type().isBlank() ? null
                : parseEnum(AuctionType.class, p.type(), "type", errors);
        BigDecimal min = money(p.minPrice(), "minPrice", errors);
        BigDecimal max = money(p.maxPrice(), "maxPrice", errors);
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(new FieldError("maxPrice", "must not be below minPrice"));
        }
        UUID seller = null;
        if (p.sellerId() != null && !p.sellerId().isBlank()) {
            try {
                seller = UUID.fromString(p.sellerId().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("sellerId", "must be a user id"));
            }
        }
        Instant endingBefore = null;
        if (p.endingBefore() != null && !p.endingBefore().isBlank()) {
            try {
                endingBefore = Instant.parse(p.endingBefore().strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("endingBefore", "must be an ISO-8601 instant such as 2026-11-21T10:00:00Z"));
            }
        }
        Sort sort = sort(p.sort(), text != null, errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return page(new SearchQuery(text, categoryId, statuses, type, min, max, seller, endingBefore, null, sort,
                p.page(), p.size(), config.searchMaxCounted()), viewer);
    }

    /** The caller's own auctions: {@code active} (scheduled or running), {@code archived} (closed or cancelled) or all. */
    public CatalogPage mine(UUID seller, String state, int page, int size) {
        List<Auction.Status> statuses;
        Sort sort;
        if (state == null || state.isBlank()) {
            statuses = null;
            sort = Sort.CREATED_DESC;
        } else if (state.equalsIgnoreCase("active")) {
            statuses = List.of(Auction.Status.SCHEDULED, Auction.Status.ACTIVE);
            sort = Sort.ENDS_AT_ASC;
        } else if (state.equalsIgnoreCase("archived")) {
            statuses = List.of(Auction.Status.CLOSED, Auction.Status.CANCELLED);
            sort = Sort.ENDS_AT_DESC;
        } else {
            throw DomainException.invalid("state", "must be active or archived");
        }
        return page(new SearchQuery(null, null, statuses, null, null, null, seller, null, null, sort, page, size, config.searchMaxCounted()),
                Viewer.user(seller));
    }

    /** The auctions the user watches, the latest added first. */
    public CatalogPage watchlist(UUID user, int page, int size) {
        return page(new SearchQuery(null, null, null, null, null, null, null, null, user, Sort.WATCHED_DESC, page,
                size, config.searchMaxCounted()), Viewer.user(user));
    }

    private CatalogPage page(SearchQuery query, Viewer viewer) {
        AuctionRepository.SearchResult result = auctions.search(query);
        List<AuctionView> items = auctions.inOrder(result.ids()).stream().map(a -> service.view(a, viewer)).toList();
        return CatalogPage.of(items, query.page(), query.size(), result.total(), result.exact());
    }

    private Category category(String idOrSlug) {
        try {
            return categories.findById(UUID.fromString(idOrSlug));
        } catch (IllegalArgumentException e) {
            return categories.find("slug", idOrSlug.toLowerCase(Locale.ROOT)).firstResult();
        }
    }

    private static Sort sort(String text, boolean hasQuery, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return Sort.ENDS_AT_ASC;
        }
        String wanted = text.strip().replace(" ", "");
        for (Sort sort : Sort.values()) {
            if (sort != Sort.WATCHED_DESC && sort.text.equalsIgnoreCase(wanted)) {
                if (sort == Sort.RELEVANCE && !hasQuery) {
                    errors.add(new FieldError("sort", "relevance needs a query q"));
                }
                return sort;
            }
        }
        errors.add(new FieldError("sort", "must be one of endsAt,asc | endsAt,desc | currentPrice,asc | "
                + "currentPrice,desc | createdAt,desc | bidCount,desc | relevance"));
        return Sort.ENDS_AT_ASC;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String field, List<FieldError> errors) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static BigDecimal money(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(text.strip());
            if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 12) {
                errors.add(new FieldError(field, "must be an amount of at most 2 decimals, not negative"));
                return null;
            }
            return amount;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a number"));
            return null;
        }
    }
}
