package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The front page and the guide: the README stays a front page (at most {@value #README_LINES} lines);
 * every relative link of the README and of {@code docs/*.md} leads to a file that exists, and a link
 * with {@code #anchor} to a heading of that file (GitHub's slugs); and every configuration property
 * the built bundles describe in their metatype ({@code OSGI-INF/metatype/*.xml} of the trin bundles in
 * the distribution and in the Kura deployment package) is in the configuration reference, in the rows
 * of its PID.
 */
class DocumentationIT {

    static final int README_LINES = 250;

    private static final Path ROOT = Path.of(System.getProperty("trin.root", "..")).toAbsolutePath().normalize();
    private static final Path REFERENCE = ROOT.resolve("docs/configuration.md");
    private static final Path DP = Path.of(System.getProperty("trin.dp", "target/trin.dp"));
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void givenTheReadme_thenItIsAFrontPageOfAtMost250Lines() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), UTF_8);

        assertThat(lines.size()).as("README.md lines").isLessThanOrEqualTo(README_LINES);
        assertThat(String.join("\n", lines)).as("the two commands, as CI runs them")
                .contains("`mvn -B -DskipTests package && distribution/target/trin/bin/trin`")
                .contains("`mvn -B verify -Pfaults`");
    }

    @Test
    void givenTheReadmeAndTheGuide_thenEveryRelativeLinkLeadsToAFileAndItsHeading() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).as("the guide").contains(REFERENCE);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto:: not ours to check
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no file " + ROOT.relativize(linked) + ")");
                } else if (hash >= 0 && !Files.isDirectory(linked) && linked.toString().endsWith(".md")
                        && !anchors(linked).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such heading in "
                            + ROOT.relativize(linked) + "; its anchors: " + anchors(linked) + ")");
                }
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(10);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void givenTheBuiltBundles_thenEveryConfigurationPropertyIsInTheReferenceUnderItsPid() throws Exception {
        Map<String, Set<String>> described = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Distribution.BUILT.resolve("bundle"))) {
            for (Path jar : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith("trin.")
                    && p.toString().endsWith(".jar"))::iterator) {
                metatype(Files.newInputStream(jar), described);
            }
        }
        try (JarInputStream dp = new JarInputStream(Files.newInputStream(DP))) {
            for (JarEntry entry; (entry = dp.getNextJarEntry()) != null; ) {
                if (entry.getName().startsWith("trin.") && entry.getName().endsWith(".jar")) {
                    metatype(new ByteArrayInputStream(dp.readAllBytes()), described);
                }
            }
        }
        assertThat(described).as("PIDs described by the built bundles")
                .containsKeys("trin.client", "trin.crypto", "trin.hw.linux", "trin.hw.raspberrypi",
                        "trin.hw.raspberrypi.health", "trin.health", "trin.console", "trin.kura");

        Map<String, Set<String>> documented = reference(Files.readAllLines(REFERENCE, UTF_8));
        List<String> missing = new ArrayList<>();
        described.forEach((pid, properties) -> properties.stream()
                .filter(property -> !documented.getOrDefault(pid, Set.of()).contains(property))
                .forEach(property -> missing.add(pid + ": " + property)));
        assertThat(missing).as("properties of the metatype missing from the rows of their PID in "
                + ROOT.relativize(REFERENCE)).isEmpty();
    }

    /** The link targets of a Markdown page, outside fenced code blocks and code spans. */
    static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        for (String line : prose(page)) {
            Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (link.find()) {
                targets.add(link.group(1).replaceFirst("^<(.*)>$", "$1"));
            }
        }
        return targets;
    }

    /** The anchors GitHub makes of a page's headings: {@code foo}, then {@code foo-1}, {@code foo-2}. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(page)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /**
     * GitHub's slug of a heading: its text without Markdown, in lower case, with every character but
     * letters, digits, spaces, {@code -} and {@code _} removed, and each space a {@code -}.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** The lines of a page outside fenced code blocks. */
    private static List<String> prose(Path page) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page, UTF_8)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The attribute ids of each OCD in a bundle's metatype files, by OCD id (the configuration PID). */
    private static void metatype(InputStream bundle, Map<String, Set<String>> described) throws Exception {
        try (JarInputStream jar = new JarInputStream(bundle)) {
            for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                if (!entry.getName().startsWith("OSGI-INF/metatype/") || !entry.getName().endsWith(".xml")) {
                    continue;
                }
                NodeList ocds = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(jar.readAllBytes())).getElementsByTagName("OCD");
                for (int i = 0; i < ocds.getLength(); i++) {
                    Element ocd = (Element) ocds.item(i);
                    NodeList ads = ocd.getElementsByTagName("AD");
                    Set<String> ids = described.computeIfAbsent(ocd.getAttribute("id"), k -> new LinkedHashSet<>());
                    for (int j = 0; j < ads.getLength(); j++) {
                        ids.add(((Element) ads.item(j)).getAttribute("id"));
                    }
                }
            }
        }
    }

    /**
     * The properties the reference's table names for each PID: a row whose first cell names a PID in
     * backticks starts that PID's rows, a row whose first cell is empty continues them; every name in
     * backticks in the second cell is a property of it.
     */
    static Map<String, Set<String>> reference(List<String> lines) {
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        String pid = null;
        for (String line : lines) {
            String[] cells = line.split("\\|", -1);
            if (!line.startsWith("|") || cells.length < 4 || line.startsWith("|---")) {
                continue;
            }
            Matcher first = CODE.matcher(cells[1]);
            if (first.find()) {
                pid = first.group(1);
            } else if (!cells[1].isBlank()) {
                pid = null; // a header row, or another table
            }
            if (pid != null) {
                Matcher property = CODE.matcher(cells[2]);
                while (property.find()) {
                    documented.computeIfAbsent(pid, k -> new LinkedHashSet<>()).add(property.group(1));
                }
            }
        }
        return documented;
    }
}
