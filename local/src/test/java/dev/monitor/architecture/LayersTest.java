package dev.monitor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The floors of the house, checked on every main class the local stack's tests see (every module's but the
 * benchmarks'): the domain at the bottom, knowing nothing but Java; the adapters on it; each function on both; the
 * local stack on top. Nothing looks up a floor, no function at another, and no package reaches back to itself.
 */
@AnalyzeClasses(
        packages = "dev.monitor",
        importOptions = {ImportOption.DoNotIncludeTests.class, LayersTest.DoNotIncludeTestJars.class})
class LayersTest {
    /** The domain's in-memory stores reach this module as a test jar: tests, not a floor of the house. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    /** The adapters' packages, by technology: what the domain must never name. */
    private static final String[] ADAPTERS = {
        "dev.monitor.aws..",
        "dev.monitor.cloudwatch..",
        "dev.monitor.config..",
        "dev.monitor.dynamo..",
        "dev.monitor.jackson..",
        "dev.monitor.kms..",
        "dev.monitor.lambda..",
        "dev.monitor.sqs.."
    };
    /** One package a deployed function. */
    private static final String[] FUNCTIONS = {
        "dev.monitor.api..",
        "dev.monitor.alertcounter..",
        "dev.monitor.alarmresolution..",
        "dev.monitor.usagemeter..",
        "dev.monitor.usagecheck..",
        "dev.monitor.notifier.."
    };

    private static final String[] LOCAL_STACK = {"dev.monitor.local..", "dev.monitor.bench.."};

    /** Every other package of Monitor's: the feature packages and what they share (Sids, errors, validation, ...). */
    private static final DescribedPredicate<JavaClass> DOMAIN = DescribedPredicate.describe(
            "in the domain",
            type -> type.getPackageName().startsWith("dev.monitor.")
                    && !JavaClass.Predicates.resideInAnyPackage(ADAPTERS).test(type)
                    && !JavaClass.Predicates.resideInAnyPackage(FUNCTIONS).test(type)
                    && !JavaClass.Predicates.resideInAnyPackage(LOCAL_STACK).test(type));

    @ArchTest
    static final ArchRule EACH_FLOOR_USES_ONLY_THOSE_BELOW = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain")
            .definedBy(DOMAIN)
            .layer("Adapters")
            .definedBy(ADAPTERS)
            .layer("Functions")
            .definedBy(FUNCTIONS)
            .layer("Local stack")
            .definedBy(LOCAL_STACK)
            .whereLayer("Local stack")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Functions")
            .mayOnlyBeAccessedByLayers("Local stack")
            .whereLayer("Adapters")
            .mayOnlyBeAccessedByLayers("Functions", "Local stack");

    /** Not the AWS SDK, Jackson, Lambda or CRaC, wherever a domain package's class is compiled. */
    @ArchTest
    static final ArchRule THE_DOMAIN_KNOWS_ONLY_JAVA = classes()
            .that(DOMAIN)
            .should()
            .onlyDependOnClassesThat(DescribedPredicate.describe("are Java's or the domain's", type -> {
                JavaClass element = type.getBaseComponentType();
                return element.isPrimitive()
                        || element.getPackageName().startsWith("java.")
                        || element.getPackageName().startsWith("javax.")
                        || DOMAIN.test(element);
            }));

    @ArchTest
    static final ArchRule NO_FUNCTION_USES_ANOTHER = slices().matching(
                    "dev.monitor.(api|alertcounter|alarmresolution|usagemeter|usagecheck|notifier)..")
            .should()
            .notDependOnEachOther();

    /** Between the domain's feature packages, between the adapters' packages, anywhere. */
    @ArchTest
    static final ArchRule NO_PACKAGE_REACHES_BACK_TO_ITSELF =
            slices().matching("dev.monitor.(**)").should().beFreeOfCycles();
}
