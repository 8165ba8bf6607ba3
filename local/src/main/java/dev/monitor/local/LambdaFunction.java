package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.monitor.cloudwatch.LogSink;
import dev.monitor.jackson.Json;
import dev.monitor.lambda.JsonHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * One function of the template, run in this process. Like Lambda's warm execution environments, each instance of the
 * handler serves one invocation at a time and concurrent invocations get instances of their own. Events go in and
 * answers come out as JSON, as between Lambda and a runtime: a {@link RequestStreamHandler} gets the bytes; any other
 * handler gets them through Lambda's own event serialization, as the Java runtime would map them.
 *
 * <p>Lambda's limits on a synchronous invocation hold here too, failing it with Lambda's error: an event over
 * {@link #MAX_REQUEST_BYTES} is refused before the handler runs, an answer over {@link #MAX_RESPONSE_BYTES} fails the
 * invocation after it ran, and beyond the function's {@code ReservedConcurrentExecutions} an invocation is throttled.
 */
final class LambdaFunction {
    /** The Invoke API's limit on a synchronous event, its serialized JSON: 6 MiB ("6 MB" in Lambda's quotas). */
    static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

    /** Lambda's limit on a synchronous answer, the JSON the handler returns: 100 bytes over the request's. */
    static final int MAX_RESPONSE_BYTES = MAX_REQUEST_BYTES + 100;

    private final FunctionDefinition definition;
    private final Class<?> handlerClass;
    private final Method handlerMethod;
    private final LogSink logs;
    private final Deque<Object> idleInstances = new ConcurrentLinkedDeque<>();
    /** Null for a function without reserved concurrency: it scales as far as the stack's callers go. */
    private final Semaphore reservedConcurrency;

    private LambdaFunction(FunctionDefinition definition, Class<?> handlerClass, Method handlerMethod, LogSink logs) {
        this.definition = definition;
        this.handlerClass = handlerClass;
        this.handlerMethod = handlerMethod;
        this.logs = logs;
        this.reservedConcurrency = definition.reservedConcurrency().isPresent()
                ? new Semaphore(definition.reservedConcurrency().getAsInt())
                : null;
    }

    /**
     * Loads the handler ({@code some.Class::method}) and makes its first instance and its event's serializer now, so
     * that a handler which cannot start fails the stack's start rather than its first request. Monitor's handlers write
     * their log lines to {@code logs}.
     */
    static LambdaFunction load(FunctionDefinition definition, LogSink logs) {
        String[] parts = definition.handler().split("::", 2);
        try {
            Class<?> handlerClass = Class.forName(parts[0], true, LambdaFunction.class.getClassLoader());
            String methodName = parts.length == 2 ? parts[1] : "handleRequest";
            LambdaFunction function = new LambdaFunction(
                    definition, handlerClass, handlerMethod(definition, handlerClass, methodName), logs);
            Object first = function.newInstance();
            if (!(first instanceof RequestStreamHandler)) {
                // As Lambda's Java runtime does while it loads a handler: the event's serializer is built before the
                // first invocation, which would otherwise take seconds longer than the rest.
                serializer(function.handlerMethod.getParameterTypes()[0]);
            }
            function.idleInstances.push(first);
            return function;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "Function " + definition.name() + ": handler class " + parts[0] + " is not on the class path", e);
        }
    }

    String name() {
        return definition.name();
    }

    String arn() {
        return definition.arn();
    }

    String region() {
        return definition.environment().get("AWS_REGION");
    }

    /**
     * Runs the handler on {@code event} and returns its answer ({@code null} as a JSON null); throws what it threw, or
     * a {@link LambdaError} where Lambda would fail the invocation.
     */
    JsonNode invoke(JsonNode event) throws Exception {
        byte[] input = Json.write(event).getBytes(StandardCharsets.UTF_8);
        if (input.length > MAX_REQUEST_BYTES) {
            throw LambdaError.requestTooLarge(MAX_REQUEST_BYTES);
        }
        if (reservedConcurrency == null) {
            return run(input);
        }
        if (!reservedConcurrency.tryAcquire()) {
            throw LambdaError.throttled(
                    definition.name(), definition.reservedConcurrency().getAsInt());
        }
        try {
            return run(input);
        } finally {
            reservedConcurrency.release();
        }
    }

    private JsonNode run(byte[] input) throws Exception {
        Object instance = idleInstances.pollFirst();
        if (instance == null) {
            instance = newInstance();
        }
        try {
            Context context = new LocalContext(
                    UUID.randomUUID().toString(),
                    definition.name(),
                    definition.arn(),
                    definition.memoryMb(),
                    System.currentTimeMillis() + definition.timeoutSeconds() * 1000L);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            if (instance instanceof RequestStreamHandler streamHandler) {
                streamHandler.handleRequest(new ByteArrayInputStream(input), output, context);
            } else {
                Object pojo =
                        serializer(handlerMethod.getParameterTypes()[0]).fromJson(new ByteArrayInputStream(input));
                Object answer = handlerMethod.getParameterCount() == 2
                        ? handlerMethod.invoke(instance, pojo, context)
                        : handlerMethod.invoke(instance, pojo);
                if (handlerMethod.getReturnType() != void.class && handlerMethod.getReturnType() != Void.class) {
                    serializer(handlerMethod.getReturnType()).toJson(answer, output);
                }
            }
            if (output.size() > MAX_RESPONSE_BYTES) {
                throw LambdaError.responseTooLarge(output.size(), MAX_RESPONSE_BYTES);
            }
            return output.size() == 0 ? NullNode.getInstance() : Json.parse(output.toString(StandardCharsets.UTF_8));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            throw (Error) e.getCause();
        } finally {
            idleInstances.push(instance);
        }
    }

    /** The project's contract: every handler has a public constructor taking the function's environment. */
    private Object newInstance() {
        try {
            Object instance = handlerClass.getConstructor(Map.class).newInstance(definition.environment());
            if (instance instanceof JsonHandler handler) {
                handler.sendLogsTo(logs);
            }
            return instance;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(
                    "Function " + name() + ": " + handlerClass.getName()
                            + " has no public constructor taking the environment (java.util.Map<String, String>)",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "Function " + name() + ": constructing " + handlerClass.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Function " + name() + ": cannot construct " + handlerClass.getName(), e);
        }
    }

    /** The handler's own method of that name, not a bridge method its generic interface adds. */
    private static Method handlerMethod(FunctionDefinition definition, Class<?> handlerClass, String methodName) {
        return Arrays.stream(handlerClass.getMethods())
                .filter(method -> method.getName().equals(methodName) && !method.isBridge())
                .filter(method -> method.getParameterCount() >= 1 && method.getParameterCount() <= 3)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Function " + definition.name() + ": "
                        + handlerClass.getName() + " has no public " + methodName + " method"));
    }

    /** As Lambda's Java runtime chooses: its own mapping for the events it knows, plain Jackson for the rest. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        return (PojoSerializer<Object>)
                (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                        ? LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                        : JacksonFactory.getInstance().getSerializer(type));
    }
}
