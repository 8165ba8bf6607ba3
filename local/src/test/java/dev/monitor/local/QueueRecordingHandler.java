package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test handler: records each message; reports as failed those whose body starts with "fail"; on one whose body starts
 * with "hang", waits (as on a receiver that does not answer) until {@link #RELEASE_HANGING} is counted down.
 */
public final class QueueRecordingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final BlockingQueue<SQSEvent.SQSMessage> MESSAGES = new LinkedBlockingQueue<>();
    static final CountDownLatch RELEASE_HANGING = new CountDownLatch(1);

    public QueueRecordingHandler(Map<String, String> environment) {}

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            MESSAGES.add(message);
            if (message.getBody().startsWith("hang")) {
                try {
                    RELEASE_HANGING.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (message.getBody().startsWith("fail")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
