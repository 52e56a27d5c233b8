package io.ticketbridge.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.Connectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every shipped Kamelet follows the apache/camel-kamelets conventions (titled, typed, described properties,
 * defaults for the optional ones, secrets as passwords in the credentials group, every placeholder declared), every
 * vendor has a source and a sink, and docs/kamelets.md documents every property.
 */
class KameletCatalogTest {
    static final Path DIR = Path.of("src/main/resources/kamelets");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token).*");

    static Stream<Path> kamelets() throws Exception {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".kamelet.yaml")).sorted().toList().stream();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Object o, String... path) {
        Object cur = o;
        for (String p : path) cur = ((Map<String, Object>) cur).get(p);
        return (Map<String, Object>) cur;
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    @SuppressWarnings("unchecked")
    void followsTheKameletConventions(Path file) throws Exception {
        String yaml = Files.readString(file);
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        String name = (String) at(root, "metadata").get("name");
        assertThat(file.getFileName().toString()).isEqualTo(name + ".kamelet.yaml");
        assertThat(at(root, "metadata", "labels").get("camel.apache.org/kamelet.type")).isIn("source", "sink", "action");
        Map<String, Object> definition = at(root, "spec", "definition");
        assertThat(definition).containsKeys("title", "description");
        Map<String, Object> props = at(definition, "properties");
        List<String> required = definition.get("required") == null ? List.of() : (List<String>) definition.get("required");
        props.forEach((prop, v) -> {
            Map<String, Object> p = (Map<String, Object>) v;
            assertThat(p).as(name + "." + prop).containsKeys("title", "description", "type");
            // optional: a default, or used as {{?prop}} so Camel drops the parameter when it is not set
            if (!required.contains(prop) && !yaml.contains("{{?" + prop + "}}")) {
                assertThat(p).as(name + "." + prop + " is optional: needs a default").containsKey("default");
            }
            if (SECRET.matcher(prop).matches() && !prop.toLowerCase().contains("map")) {
                assertThat(p).as(name + "." + prop + " is a secret").containsEntry("format", "password")
                        .containsEntry("x-descriptors", List.of("urn:camel:group:credentials"));
            }
        });
        // the template's own beans are referred to as {{name}} too
        List<Map<String, Object>> beans = (List<Map<String, Object>>) at(root, "spec", "template").get("beans");
        List<Object> beanNames = beans == null ? List.of() : beans.stream().map(b -> b.get("name")).toList();
        Matcher m = Pattern.compile("\\{\\{\\??(\\w+)}}").matcher(yaml);
        while (m.find()) {
            if (!List.of("routeId", "source", "sink").contains(m.group(1)) && !beanNames.contains(m.group(1))) {
                assertThat(props).as(name + " uses {{" + m.group(1) + "}}").containsKey(m.group(1));
            }
        }
    }

    @Test
    void everyVendorHasASourceAndASink() {
        for (Connector v : Connectors.all()) {
            assertThat(DIR.resolve(v.id() + "-source.kamelet.yaml")).exists();
            assertThat(DIR.resolve(v.id() + "-sink.kamelet.yaml")).exists();
        }
    }

    /** What a Kamelet needs to run outside this bundle (Camel JBang, KameletMain): an icon and its dependencies. */
    @ParameterizedTest
    @MethodSource("kamelets")
    @SuppressWarnings("unchecked")
    void namesItsIconAndEveryDependency(Path file) throws Exception {
        String yaml = Files.readString(file);
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        assertThat((String) at(root, "metadata", "annotations").get("camel.apache.org/kamelet.icon"))
                .startsWith("data:image/svg+xml;base64,");
        List<String> deps = (List<String>) at(root, "spec").get("dependencies");
        String version = System.getProperty("ticketbridge.expected.version", "0.1.0-SNAPSHOT");
        assertThat(deps).contains("camel:kamelet", "mvn:io.ticketbridge:ticketbridge:" + version);
        Matcher uses = Pattern.compile("uri: \"?(\\w+):").matcher(yaml);
        while (uses.find()) {
            String scheme = uses.group(1);
            if (!scheme.equals("kamelet") && !scheme.equals("helpdesk")) assertThat(deps).contains("camel:" + scheme);
        }
        if (yaml.contains("helpdesk:")) assertThat(deps).contains("camel:http", "camel:jackson");
        if (yaml.contains("\"helpdesk:") && yaml.contains("kamelet.type: \"source\"")) assertThat(deps).contains("camel:quartz");
    }

    /** A vendor's Kamelets are a line each around the helpdesk: component, no copied flow. */
    @Test
    @SuppressWarnings("unchecked")
    void everyVendorKameletIsThinAndHandsEveryPropertyToTheComponent() throws Exception {
        for (Connector v : Connectors.all()) {
            for (String role : List.of("source", "sink")) {
                Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                        .loadFromString(Files.readString(DIR.resolve(v.id() + "-" + role + ".kamelet.yaml")));
                io.ticketbridge.connector.VendorBean bean = role.equals("source") ? v.newSource() : v.newSink();
                io.ticketbridge.testing.ThinKamelet.assertEveryPropertyReaches(root, bean);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    @SuppressWarnings("unchecked")
    void everyPropertyIsInTheKameletDocs(Path file) throws Exception {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        String name = (String) at(root, "metadata").get("name");
        // docs/kamelets.md, or the vendor's own page (a vendor added later documents its Kamelets there)
        Path vendorPage = Path.of("docs/vendors/" + name.replaceAll("-(source|sink)$", "") + ".md");
        String docs = Files.readString(Path.of("docs/kamelets.md"));
        if (!docs.contains("## " + name) && Files.exists(vendorPage)) docs = Files.readString(vendorPage);
        assertThat(docs).as("docs/kamelets.md or %s documents %s", vendorPage, name).contains("## " + name);
        String section = docs.substring(docs.indexOf("## " + name));
        int next = section.indexOf("\n## ", 3);
        String own = next < 0 ? section : section.substring(0, next);
        String readme = Files.readString(Path.of("README.md"));
        String glance = readme.substring(readme.indexOf("<!-- kamelets:begin -->"), readme.indexOf("<!-- kamelets:end -->"));
        String row = glance.lines().filter(l -> l.startsWith("| [`" + name + "`]")).findFirst().orElse("");
        for (String prop : at(root, "spec", "definition", "properties").keySet()) {
            assertThat(own).as("docs/kamelets.md section %s documents %s", name, prop).contains("`" + prop + "`");
            assertThat(row).as("README's Kamelet table lists %s.%s", name, prop).contains("`" + prop + "`");
        }
    }
}
