package dev.monitor.local;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template. Short-form intrinsics ({@code !Ref X}, {@code !GetAtt X.Arn}, ...) become
 * their long form ({@code {Ref: X}}, {@code {Fn::GetAtt: X.Arn}}), so the rest of the runner knows one shape only.
 */
final class CloudFormationYaml {
    private static final List<String> FUNCTIONS = List.of(
            "And",
            "Base64",
            "Cidr",
            "Equals",
            "FindInMap",
            "GetAtt",
            "GetAZs",
            "If",
            "ImportValue",
            "Join",
            "Not",
            "Or",
            "Select",
            "Split",
            "Sub",
            "Transform");

    private CloudFormationYaml() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) {
        Object document = new Yaml(new IntrinsicConstructor(new LoaderOptions())).load(text);
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("The template is not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            register("!Ref", "Ref");
            register("!Condition", "Condition");
            FUNCTIONS.forEach(function -> register("!" + function, "Fn::" + function));
        }

        private void register(String tag, String longForm) {
            yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    return Map.of(longForm, content(node));
                }
            });
        }

        private Object content(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }
    }
}
