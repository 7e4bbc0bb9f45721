package io.banwatch.agent.send;

/** Waits; tests replace it so retries take no real time. */
@FunctionalInterface
public interface Sleeper {
    void sleep(long millis) throws InterruptedException;

    Sleeper REAL = Thread::sleep;
}
