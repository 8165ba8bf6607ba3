package dev.monitor.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.monitor.aws.AwsClients;
import dev.monitor.config.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** SQS in, the batch's jobs delivered, the messages to keep reported as batch item failures. */
public final class NotifierHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Built during Lambda's init phase, once per execution environment. */
    private static final class FromEnvironment {
        static final QueueWorker WORKER = NotifierFactory.create(Settings.from(System.getenv()), Clock.systemUTC());
    }

    private final QueueWorker worker;

    public NotifierHandler() {
        this(FromEnvironment.WORKER);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public NotifierHandler(Map<String, String> environment) {
        this(NotifierFactory.create(Settings.from(environment), Clock.systemUTC()));
    }

    /** For a benchmark, whose clients count the requests the notifier makes. */
    public NotifierHandler(Settings settings, AwsClients clients) {
        this(NotifierFactory.create(settings, clients, Clock.systemUTC()));
    }

    NotifierHandler(QueueWorker worker) {
        this.worker = worker;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return worker.handle(event.getRecords() == null ? List.of() : event.getRecords());
    }
}
