package dev.monitor.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.aws.AwsClients;
import dev.monitor.cloudwatch.FunctionLog;
import dev.monitor.config.Environment;
import dev.monitor.lambda.BatchItemFailures;
import dev.monitor.lambda.FunctionInit;
import dev.monitor.lambda.JsonHandler;
import dev.monitor.lambda.Priming;
import dev.monitor.lambda.QueueMessage;
import java.time.Clock;
import java.util.Map;

/** SQS in, the batch's jobs delivered, the messages to keep reported as batch item failures. */
public final class NotificationQueueHandler extends JsonHandler {
    /** The function's name in its metrics' dimension: the operators' alarms read the notifier's by it. */
    public static final String FUNCTION = "notifier";

    /** Built during Lambda's init phase, once per execution environment. */
    private static final FunctionLog LOG = FunctionLog.toStdout(FUNCTION);

    private static final FunctionInit<QueueWorker> WORKER = FunctionInit.of(
            () -> NotifierFactory.create(NotifierSettings.from(Environment.system()), Clock.systemUTC(), LOG));

    /** One message that is no job: it is only parsed. */
    private static final String SQS_EVENT =
            "{\"Records\":[{\"messageId\":\"priming\",\"receiptHandle\":\"priming\",\"body\":\"{}\"}]}";

    private final QueueWorker worker;

    public NotificationQueueHandler() {
        this(WORKER.get(), LOG);
        Priming.register(priming(Environment.system()));
    }

    /**
     * SnapStart's hooks: an SQS event's parsing into messages and a read (see {@link Priming#parsingAndRead}); a job
     * would be delivered, so priming never hands one to the worker. No webhook is sent, so OkHttp's connection pool is
     * empty in the snapshot, and its delivery threads start with the first batch after a restore.
     */
    public static Priming priming(Environment env) {
        return Priming.parsingAndRead(SQS_EVENT, QueueMessage::listFrom, env);
    }

    /** For the local stack and tests, which give the function its environment from the template. */
    public NotificationQueueHandler(Map<String, String> environment) {
        this(NotifierSettings.from(Environment.of(environment)), FunctionLog.toStdout(FUNCTION));
    }

    private NotificationQueueHandler(NotifierSettings settings, FunctionLog log) {
        this(NotifierFactory.create(settings, Clock.systemUTC(), log), log);
    }

    /** For a benchmark, whose clients count the requests the notifier makes. */
    public NotificationQueueHandler(NotifierSettings settings, AwsClients clients) {
        this(settings, clients, FunctionLog.toStdout(FUNCTION));
    }

    private NotificationQueueHandler(NotifierSettings settings, AwsClients clients, FunctionLog log) {
        this(NotifierFactory.create(settings, clients, Clock.systemUTC(), log), log);
    }

    NotificationQueueHandler(QueueWorker worker, FunctionLog log) {
        super(log);
        this.worker = worker;
    }

    @Override
    public JsonNode handle(JsonNode event, Context context) {
        return BatchItemFailures.of(worker.handle(QueueMessage.listFrom(event)));
    }
}
