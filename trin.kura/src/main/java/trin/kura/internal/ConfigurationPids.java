package trin.kura.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.framework.Bundle;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The configuration PIDs a bundle describes for a console: each configuration PID of one of its
 * Declarative Services components ({@code Service-Component}, {@code configuration-pid} or the
 * component's name) that is also the id of an OCD in its {@code OSGI-INF/metatype/}. What the
 * bnd annotations {@code @Component(configurationPid = X)} and {@code @ObjectClassDefinition(id = X)}
 * write.
 */
final class ConfigurationPids {

    static final String METATYPE = "OSGI-INF/metatype";

    private ConfigurationPids() {
    }

    /** The PIDs, sorted; empty when the bundle has no component or no metatype, or they do not meet. */
    static Set<String> of(Bundle bundle) {
        Set<String> described = ocdIds(bundle);
        if (described.isEmpty()) {
            return Set.of();
        }
        Set<String> pids = new TreeSet<>(componentPids(bundle));
        pids.retainAll(described);
        return pids;
    }

    private static Set<String> ocdIds(Bundle bundle) {
        Set<String> ids = new LinkedHashSet<>();
        for (URL file : entries(bundle, METATYPE, "*.xml")) {
            for (Element ocd : elements(file, "OCD")) {
                ids.add(ocd.getAttribute("id"));
            }
        }
        return ids;
    }

    private static Set<String> componentPids(Bundle bundle) {
        Set<String> pids = new LinkedHashSet<>();
        String header = bundle.getHeaders("").get("Service-Component");
        if (header == null) {
            return pids;
        }
        for (String path : header.split(",")) {
            String trimmed = path.trim();
            int slash = trimmed.lastIndexOf('/');
            String dir = slash < 0 ? "/" : trimmed.substring(0, slash);
            String pattern = trimmed.substring(slash + 1);
            for (URL file : entries(bundle, dir, pattern)) {
                for (Element component : elements(file, "component")) {
                    String configured = component.getAttribute("configuration-pid").trim();
                    String names = configured.isEmpty() ? component.getAttribute("name") : configured;
                    for (String pid : names.trim().split("\\s+")) {
                        pids.add(pid.startsWith("$") ? component.getAttribute("name") : pid);
                    }
                }
            }
        }
        return pids;
    }

    private static Iterable<URL> entries(Bundle bundle, String dir, String pattern) {
        Enumeration<URL> found = bundle.findEntries(dir, pattern, false);
        return found == null ? Set.of() : Collections.list(found);
    }

    /** The elements of that local name, in any namespace; none when the file cannot be read. */
    private static Iterable<Element> elements(URL file, String localName) {
        try (InputStream in = file.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            NodeList nodes = builder.parse(in).getElementsByTagNameNS("*", localName);
            Set<Element> elements = new LinkedHashSet<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                elements.add((Element) nodes.item(i));
            }
            return elements;
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return Set.of();
        }
    }
}
