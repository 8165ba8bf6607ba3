package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs in a child JVM whose class path is a function's shaded jar, this class and Lambda's own
 * event serialization (whose Jackson is relocated, so it hides nothing missing from the jar):
 * builds the handler the template names as Lambda's init would, then hands it each event file
 * given, read and its response written as Lambda's Java runtime does. A class the jar lacks fails here.
 */
public final class HandlerJarProbe {
    /** Starts each response's line in the output. */
    static final String RESPONSE = "response: ";

    private HandlerJarProbe() {
    }

    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor(Map.class).newInstance(System.getenv());
        System.out.println("built " + args[0]);
        Method handleRequest = handleRequest(handler.getClass());
        for (String eventFile : Arrays.asList(args).subList(1, args.length)) {
            Object event;
            try (InputStream in = Files.newInputStream(Path.of(eventFile))) {
                event = serializer(handleRequest.getParameterTypes()[0]).fromJson(in);
            }
            // The handlers read nothing from Lambda's context.
            Object response = handleRequest.invoke(handler, event, null);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            serializer(handleRequest.getReturnType()).toJson(response, json);
            System.out.println(RESPONSE + json.toString(StandardCharsets.UTF_8));
        }
    }

    /** The handler's own {@code handleRequest}, not the bridge method its generic interface adds. */
    static Method handleRequest(Class<?> handlerClass) {
        return Arrays.stream(handlerClass.getMethods())
                .filter(method -> method.getName().equals("handleRequest") && !method.isBridge())
                .findFirst().orElseThrow(() -> new IllegalArgumentException(handlerClass + " has no handleRequest"));
    }

    /** As Lambda's Java runtime chooses: its own mapping for the events it knows, plain Jackson for the rest. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        return (PojoSerializer<Object>) (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type));
    }
}
