package dev.monitor.local;

import java.time.Duration;

/** Runs one event source's polling on a thread of its own until closed; a failed poll is logged and tried again. */
final class PollingLoop implements AutoCloseable {
    interface Poll {
        /** Returns whether it found work, in which case it is called again at once rather than after the idle delay. */
        boolean poll() throws Exception;
    }

    private final Thread thread;
    private volatile boolean running = true;

    private PollingLoop(String name, Poll poll, Duration idleDelay) {
        this.thread = new Thread(() -> run(name, poll, idleDelay), name);
        thread.setDaemon(true);
    }

    static PollingLoop start(String name, Poll poll, Duration idleDelay) {
        PollingLoop loop = new PollingLoop(name, poll, idleDelay);
        loop.thread.start();
        return loop;
    }

    private void run(String name, Poll poll, Duration idleDelay) {
        while (running) {
            boolean foundWork = false;
            try {
                foundWork = poll.poll();
            } catch (InterruptedException e) {
                return;
            } catch (Exception | Error e) {
                // Nothing a handler throws, not even a StackOverflowError, ends the polling.
                if (running) {
                    Log.error(name + " failed", e);
                }
            }
            if (!foundWork) {
                try {
                    Thread.sleep(idleDelay.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
