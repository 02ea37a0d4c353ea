package org.modelregistry.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the Maven build leaves under a module's {@code target/}, worked out from the poms (not from a build, which
 * may not have run): {@code <finalName>.<packaging>} (finalName defaulting to artifactId-version), and, for
 * {@code target/dependency/}, what {@code dependency:copy-dependencies} copies there: each dependency of the module
 * as {@code <artifactId>-<version>.jar}, with its scope.
 */
final class BuildOutputs {

    /** A file the build makes, relative to the repository root; {@code scope} only for a copied dependency. */
    record Output(String path, String module, Optional<String> scope) {}

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path root;
    private final Map<String, String> rootProperties;
    private final Map<String, String> managedVersions;

    BuildOutputs(Path root) {
        this.root = root;
        Element rootPom = pom(root.resolve("pom.xml"));
        this.rootProperties = properties(rootPom);
        this.managedVersions = new HashMap<>();
        Element management = child(rootPom, "dependencyManagement");
        if (management != null) {
            for (Element dependency : children(child(management, "dependencies"), "dependency")) {
                managedVersions.put(
                        text(dependency, "groupId") + ":" + text(dependency, "artifactId"),
                        text(dependency, "version"));
            }
        }
    }

    /** The files the build makes in the module whose {@code target/} the path points into (empty: no such module). */
    List<Output> outputsFor(String contextPath) {
        int target = contextPath.indexOf("/target/");
        if (target < 0) {
            return List.of();
        }
        String module = contextPath.substring(0, target);
        Path pomFile = root.resolve(module).resolve("pom.xml");
        if (!Files.isRegularFile(pomFile)) {
            return List.of();
        }
        Element pom = pom(pomFile);
        Map<String, String> props = new HashMap<>(rootProperties);
        props.putAll(properties(pom));
        String artifactId = text(pom, "artifactId");
        String version = text(pom, "version");
        if (version == null) {
            version = text(child(pom, "parent"), "version");
        }
        props.put("project.artifactId", artifactId);
        props.put("project.version", version);
        String packaging = Optional.ofNullable(text(pom, "packaging")).orElse("jar");
        Element build = child(pom, "build");
        String finalName = build == null ? null : text(build, "finalName");
        if (finalName == null) {
            finalName = artifactId + "-" + version;
        }
        String extension = packaging.equals("ejb") ? "jar" : packaging;
        List<Output> outputs = new ArrayList<>();
        if (!packaging.equals("pom")) {
            outputs.add(new Output(
                    module + "/target/" + resolve(finalName, props) + "." + extension, module, Optional.empty()));
        }
        for (Element dependency : children(child(pom, "dependencies"), "dependency")) {
            String key = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
            String depVersion = Optional.ofNullable(text(dependency, "version")).orElse(managedVersions.get(key));
            if (depVersion == null) {
                continue; // from an imported BOM: not a file a Dockerfile names by version
            }
            String type = Optional.ofNullable(text(dependency, "type")).orElse("jar");
            String scope = Optional.ofNullable(text(dependency, "scope")).orElse("compile");
            outputs.add(new Output(
                    module + "/target/dependency/" + text(dependency, "artifactId") + "-" + resolve(depVersion, props)
                            + "." + (type.equals("ejb") ? "jar" : type),
                    module,
                    Optional.of(scope)));
        }
        return outputs;
    }

    private static String resolve(String value, Map<String, String> props) {
        String result = value;
        for (int i = 0; i < 10 && result.contains("${"); i++) {
            Matcher m = PROPERTY.matcher(result);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String replacement = props.get(m.group(1));
                if (replacement == null) {
                    throw new IllegalStateException("unknown Maven property ${" + m.group(1) + "} in " + value);
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(sb);
            result = sb.toString();
        }
        return result;
    }

    private static Map<String, String> properties(Element pom) {
        Map<String, String> props = new HashMap<>();
        Element properties = child(pom, "properties");
        if (properties != null) {
            NodeList nodes = properties.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e) {
                    props.put(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        return props;
    }

    static Element pom(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(in);
            return document.getDocumentElement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse " + file, e);
        }
    }

    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The child elements of that name (every child element with a null name). */
    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e
                    && (name == null || e.getTagName().equals(name))) {
                result.add(e);
            }
        }
        return result;
    }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
