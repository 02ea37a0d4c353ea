package org.modelregistry.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The broker's addresses and address settings, as one flat map ({@code address.<name>} = routing type,
 * {@code setting.<match>.<property>} = value), read from the broker.xml excerpt of {@code docs/operations.md}
 * ("An external broker") or from Artemis' broker properties ({@code docker/broker.properties}), so the two can be
 * compared.
 */
final class BrokerSettings {

    /** broker.xml element names whose broker-properties name is not simply the camel case of the element. */
    private static final Map<String, String> RENAMED = Map.of("redelivery-delay-multiplier", "redeliveryMultiplier");

    private static final Pattern XML_EXCERPT = Pattern.compile("```xml\\n(<addresses>.*?)```", Pattern.DOTALL);
    private static final Pattern ADDRESS_TYPES = Pattern.compile("addressConfigurations\\.\"([^\"]+)\"\\.routingTypes");
    private static final Pattern QUEUE =
            Pattern.compile("addressConfigurations\\.\"([^\"]+)\"\\.queueConfigs\\.\"([^\"]+)\"\\.routingType");
    private static final Pattern SETTING = Pattern.compile("addressSettings\\.\"([^\"]+)\"\\.(\\w+)");

    private BrokerSettings() {}

    static Map<String, String> fromDocumentedBrokerXml(String operationsMd) {
        Matcher m = XML_EXCERPT.matcher(operationsMd);
        if (!m.find()) {
            throw new IllegalStateException("docs/operations.md has no broker.xml excerpt starting with <addresses>");
        }
        Element root = parse("<core>" + m.group(1) + "</core>");
        Map<String, String> result = new TreeMap<>();
        for (Element address : BuildOutputs.children(BuildOutputs.child(root, "addresses"), "address")) {
            String name = address.getAttribute("name");
            for (String type : new String[] {"anycast", "multicast"}) {
                Element routing = BuildOutputs.child(address, type);
                if (routing != null) {
                    result.put("address." + name, type.toUpperCase(Locale.ROOT));
                    for (Element queue : BuildOutputs.children(routing, "queue")) {
                        result.put("queue." + name + "." + queue.getAttribute("name"), type.toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        for (Element setting : BuildOutputs.children(BuildOutputs.child(root, "address-settings"), "address-setting")) {
            String match = setting.getAttribute("match");
            for (Element property : BuildOutputs.children(setting, null)) {
                String name = RENAMED.getOrDefault(property.getTagName(), camelCase(property.getTagName()));
                result.put(
                        "setting." + match + "." + name,
                        property.getTextContent().strip());
            }
        }
        return result;
    }

    static Map<String, String> fromBrokerProperties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> result = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            Matcher types = ADDRESS_TYPES.matcher(key);
            Matcher queue = QUEUE.matcher(key);
            Matcher setting = SETTING.matcher(key);
            if (types.matches()) {
                result.put("address." + types.group(1), value);
            } else if (queue.matches()) {
                result.put("queue." + queue.group(1) + "." + queue.group(2), value);
            } else if (setting.matches()) {
                result.put("setting." + setting.group(1) + "." + setting.group(2), value);
            } else {
                result.put("unknown." + key, value);
            }
        }
        return result;
    }

    private static String camelCase(String element) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : element.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)))
                    .getDocumentElement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse the broker.xml excerpt", e);
        }
    }
}
