package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One function of the template, run in this process. Like Lambda's warm execution environments, each instance of the
 * handler serves one invocation at a time and concurrent invocations get instances of their own.
 */
final class LambdaFunction {
    private final FunctionDefinition definition;
    private final Class<?> handlerClass;
    private final String methodName;
    private final Deque<Object> idleInstances = new ConcurrentLinkedDeque<>();
    private final Map<Class<?>, Method> methodsByEventType = new ConcurrentHashMap<>();

    private LambdaFunction(FunctionDefinition definition, Class<?> handlerClass, String methodName) {
        this.definition = definition;
        this.handlerClass = handlerClass;
        this.methodName = methodName;
    }

    /**
     * Loads the handler ({@code some.Class::method}) and makes its first instance now, so that a handler which cannot
     * start fails the stack's start rather than its first request.
     */
    static LambdaFunction load(FunctionDefinition definition) {
        String[] parts = definition.handler().split("::", 2);
        try {
            Class<?> handlerClass = Class.forName(parts[0], true, LambdaFunction.class.getClassLoader());
            LambdaFunction function = new LambdaFunction(definition, handlerClass, parts.length == 2 ? parts[1] : "handleRequest");
            function.idleInstances.push(function.newInstance());
            return function;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Function " + definition.name() + ": handler class " + parts[0] + " is not on the class path", e);
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

    /** Runs the handler on {@code event} and returns what it returned; throws what it threw. */
    Object invoke(Object event) throws Exception {
        Object instance = idleInstances.pollFirst();
        if (instance == null) {
            instance = newInstance();
        }
        try {
            Method method = methodsByEventType.computeIfAbsent(event.getClass(), this::handlerMethod);
            Context context = new LocalContext(UUID.randomUUID().toString(), definition.name(), definition.arn(),
                    definition.memoryMb(), System.currentTimeMillis() + definition.timeoutSeconds() * 1000L);
            return method.getParameterCount() == 2 ? method.invoke(instance, event, context) : method.invoke(instance, event);
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
            return handlerClass.getConstructor(Map.class).newInstance(definition.environment());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Function " + name() + ": " + handlerClass.getName()
                    + " has no public constructor taking the environment (java.util.Map<String, String>)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Function " + name() + ": constructing " + handlerClass.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Function " + name() + ": cannot construct " + handlerClass.getName(), e);
        }
    }

    private Method handlerMethod(Class<?> eventType) {
        return Arrays.stream(handlerClass.getMethods())
                .filter(method -> method.getName().equals(methodName) && !method.isBridge())
                .filter(method -> accepts(method, eventType))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Function " + name() + ": " + handlerClass.getName() + " has no public "
                        + methodName + "(" + eventType.getSimpleName() + "[, Context]) for this event"));
    }

    private static boolean accepts(Method method, Class<?> eventType) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean shape = parameters.length == 1 || parameters.length == 2 && parameters[1] == Context.class;
        return shape && parameters[0].isAssignableFrom(eventType);
    }
}
