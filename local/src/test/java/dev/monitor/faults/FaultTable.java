package dev.monitor.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What each fault did to each kind of request: answers by status, latency and what was stored, as one text table. */
final class FaultTable {
    private final List<String> rows = new ArrayList<>();

    /** The answers of one kind of request under one fault. */
    static final class Answers {
        private final List<Long> latenciesMs = new ArrayList<>();
        private final Map<Integer, Integer> byStatus = new TreeMap<>();

        synchronized void add(int status, long latencyMs) {
            latenciesMs.add(latencyMs);
            byStatus.merge(status, 1, Integer::sum);
        }

        synchronized int count(int status) {
            return byStatus.getOrDefault(status, 0);
        }

        synchronized long max() {
            return latenciesMs.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        synchronized String summary() {
            List<Long> sorted = latenciesMs.stream().sorted().toList();
            StringBuilder statuses = new StringBuilder();
            byStatus.forEach((status, count) -> statuses.append(statuses.isEmpty() ? "" : " ")
                    .append(status)
                    .append('×')
                    .append(count));
            return "%4d | %-16s | %6d | %6d"
                    .formatted(sorted.size(), statuses, percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        private static long percentile(List<Long> sorted, double p) {
            if (sorted.isEmpty()) {
                return 0;
            }
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
        }
    }

    synchronized void add(String fault, String request, Answers answers, String stored) {
        rows.add("| %-18s | %-24s | %s | %s |".formatted(fault, request, answers.summary(), stored));
    }

    synchronized void write(Path file, String heading) {
        StringBuilder text = new StringBuilder(heading).append("\n\n");
        text.append(
                "| fault              | request                  | reqs | answers          | p50 ms | p99 ms | stored |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        rows.forEach(row -> text.append(row).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
