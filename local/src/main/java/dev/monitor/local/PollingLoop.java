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

    /** What an idle loop waits for before it polls again. */
    interface IdleWait {
        void await() throws InterruptedException;
    }

    private PollingLoop(String name, Poll poll, IdleWait idle) {
        this.thread = new Thread(() -> run(name, poll, idle), name);
        thread.setDaemon(true);
    }

    static PollingLoop start(String name, Poll poll, Duration idleDelay) {
        return start(name, poll, () -> Thread.sleep(idleDelay.toMillis()));
    }

    static PollingLoop start(String name, Poll poll, IdleWait idle) {
        PollingLoop loop = new PollingLoop(name, poll, idle);
        loop.thread.start();
        return loop;
    }

    private void run(String name, Poll poll, IdleWait idle) {
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
                    idle.await();
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
