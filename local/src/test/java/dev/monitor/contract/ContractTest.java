package dev.monitor.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test of a store's contract, run once on each implementation its class's static {@code implementations()} makes
 * (the DynamoDB store on DynamoDB Local, the in-memory store), each made anew for it and named in the report.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("implementations")
@interface ContractTest {}
