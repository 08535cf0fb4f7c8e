package dev.gavel.common;

import java.util.List;
import java.util.function.Function;

/** One page of a list (CONTRACT §1): {@code ?page=0&size=20}, size at most 100. */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static final int MAX_SIZE = 100;
    /** The highest page number taken (page × size must not overflow; nobody pages further by hand). */
    public static final int MAX_PAGE = 100_000;

    public static <T> Page<T> of(List<T> items, int page, int size, long totalItems) {
        int pages = size == 0 ? 0 : (int) ((totalItems + size - 1) / size);
        return new Page<>(items, page, size, totalItems, pages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
