package io.banwatch.agent.send;

/** Delivery cannot go on (enrollment refused, collector refuses the token); one line for the admin. */
public class DeliveryException extends RuntimeException {
    public DeliveryException(String message) {
        super(message);
    }
}
