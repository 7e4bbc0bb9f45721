package io.banwatch.collector.http;

/**
 * A request the collector refuses, with its HTTP status and a stable error code; rendered as
 * {@code {"error": code, "message": message}}.
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "a valid token is required (Authorization: Bearer <token>)");
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }
}
