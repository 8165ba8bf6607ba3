package dev.monitor.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/** Lambda's event source mappings, run locally: a polling loop for each stream or queue event of a function. */
final class EventSourceMappings implements AutoCloseable {
    private static final Duration SIGNALLED_STREAM_POLL = Duration.ofSeconds(1);

    private final BackendClients clients;
    private final LocalResources resources;
    private final Duration pollInterval;
    private final Optional<TableWrites> tableWrites;
    private final List<PollingLoop> loops = new ArrayList<>();
    private final List<QueuePoller> queuePollers = new ArrayList<>();

    EventSourceMappings(
            BackendClients clients,
            LocalResources resources,
            Duration pollInterval,
            Optional<TableWrites> tableWrites) {
        this.clients = clients;
        this.resources = resources;
        this.pollInterval = pollInterval;
        this.tableWrites = tableWrites;
    }

    void add(LambdaFunction function, String eventName, EventSource.Stream source) {
        Optional<String> onFailureQueueUrl =
                source.onFailureArn().map(arn -> queue(arn, function, eventName).url());
        // Lambda would resume a kept table's stream where it stopped; the stack being its only writer, that is its end.
        boolean resume = resources
                .tableByStreamArn(source.streamArn())
                .map(LocalResources.Table::kept)
                .orElse(false);
        ShardIteratorType startingPosition =
                resume ? ShardIteratorType.LATEST : ShardIteratorType.fromValue(source.startingPosition());
        loops.add(PollingLoop.start(
                function.name() + "/" + eventName,
                new StreamPoller(
                        function, source, startingPosition, onFailureQueueUrl, clients.streams(), clients.sqs()),
                streamIdleWait()));
    }

    void add(LambdaFunction function, String eventName, EventSource.Queue source) {
        String queueUrl = queue(source.queueArn(), function, eventName).url();
        QueuePoller poller = new QueuePoller(function, source, queueUrl, clients.sqs());
        queuePollers.add(poller);
        loops.add(PollingLoop.start(function.name() + "/" + eventName, poller, pollInterval));
    }

    /**
     * The poll interval, and then, when the backend tells of its writes, until a write has been answered since the
     * poll (at most a second): a busy stream is read as often as before, an idle one is not polled. Polling idle
     * streams every 50 ms cost the idle stack 38 % of a core against 9 %.
     */
    private PollingLoop.IdleWait streamIdleWait() {
        return tableWrites
                .<PollingLoop.IdleWait>map(writes -> () -> {
                    long seen = writes.count();
                    Thread.sleep(pollInterval.toMillis());
                    writes.awaitAfter(seen, SIGNALLED_STREAM_POLL);
                })
                .orElse(() -> Thread.sleep(pollInterval.toMillis()));
    }

    @Override
    public void close() {
        loops.forEach(PollingLoop::close);
        for (QueuePoller poller : queuePollers) {
            try {
                poller.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private LocalResources.Queue queue(String arn, LambdaFunction function, String eventName) {
        return resources
                .queueByArn(arn)
                .orElseThrow(() -> new IllegalArgumentException("Function " + function.name() + ", event " + eventName
                        + ": " + arn + " is not a queue of the template"));
    }
}
