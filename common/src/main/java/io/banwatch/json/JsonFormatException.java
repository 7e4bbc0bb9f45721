package io.banwatch.json;

/** A JSON document that is not valid for what it should hold; the message names the field. */
public class JsonFormatException extends RuntimeException {
    public JsonFormatException(String message) {
        super(message);
    }

    public JsonFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
