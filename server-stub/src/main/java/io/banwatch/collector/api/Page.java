package io.banwatch.collector.api;

import io.banwatch.collector.http.ApiError;

import java.util.List;

/**
 * One page of a list.
 *
 * @param total how many items match in all
 * @param page  this page's number, from 1
 * @param size  items per page
 * @param items the items on this page
 */
public record Page<T>(long total, int page, int size, List<T> items) {
    public static final int MAX_SIZE = 1000;

    /** The offset and size a page request means, validated. */
    public record Request(int page, int size) {
        public int offset() {
            return (page - 1) * size;
        }

        public static Request parse(String page, String size) {
            int p = number(page, 1, "page");
            int s = number(size, 50, "size");
            if (p < 1 || s < 1 || s > MAX_SIZE) {
                throw ApiError.badRequest("invalid_paging", "page must be 1 or more and size 1 to " + MAX_SIZE);
            }
            return new Request(p, s);
        }

        private static int number(String text, int fallback, String name) {
            if (text == null || text.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("invalid_paging", name + " must be a whole number, not '" + text + "'");
            }
        }
    }
}
