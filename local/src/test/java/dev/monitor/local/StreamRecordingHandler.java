package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Test handler: records each stream record; reports as failed those whose pk starts with ST#FAIL. */
public final class StreamRecordingHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    static final BlockingQueue<DynamodbEvent.DynamodbStreamRecord> RECORDS = new LinkedBlockingQueue<>();

    public StreamRecordingHandler(Map<String, String> environment) {}

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            RECORDS.add(record);
            if (record.getDynamodb().getNewImage().get("pk").getS().startsWith("ST#FAIL")) {
                failures.add(new StreamsEventResponse.BatchItemFailure(
                        record.getDynamodb().getSequenceNumber()));
            }
        }
        return new StreamsEventResponse(failures);
    }
}
