package io.banwatch.collector.db;

/** A database failure the caller cannot fix; the message says what was being done. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
