package dev.monitor.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/** Works through tasks on one thread per worker, each thread using only its own worker, and times the whole. */
final class Parallel {
    private Parallel() {}

    static <W, T> Duration run(List<W> workers, List<T> tasks, BiConsumer<W, T> action) {
        Queue<T> pending = new ConcurrentLinkedQueue<>(tasks);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (W worker : workers) {
            threads.add(new Thread(() -> {
                try {
                    for (T task = pending.poll(); task != null && failure.get() == null; task = pending.poll()) {
                        action.accept(worker, task);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the workers", e);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (failure.get() != null) {
            throw failure.get();
        }
        return elapsed;
    }
}
