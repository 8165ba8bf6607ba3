package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Test handler: records each scheduled event. */
public final class ScheduleRecordingHandler implements RequestHandler<ScheduledEvent, Void> {
    static final BlockingQueue<ScheduledEvent> EVENTS = new LinkedBlockingQueue<>();

    public ScheduleRecordingHandler(Map<String, String> environment) {}

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        EVENTS.add(event);
        return null;
    }
}
