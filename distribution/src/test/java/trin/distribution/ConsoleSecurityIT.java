package trin.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import trin.testkit.Await;

/**
 * The console against other web sites and password guessing, on the built
 * distribution run as a process: its password set with the hash that
 * {@code bin/trin console-password} made, requests forged as a page of
 * another site would send them through the operator's browser, and the
 * same requests from the console's own origin to show they would work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSecurityIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String EVIL = "http://evil.example";
    private static final String UPLOADED = "trin.test.uploaded";
    private static final String FORGED = "trin.test.forged";
    private static final String BROWSER_UPLOADED = "trin.test.browser";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static Distribution trin;
    private static ConsoleHttp console;
    private static int httpPort;

    @BeforeAll
    static void startTrinWithAPasswordHashFromTheCommand() throws Exception {
        httpPort = Distribution.freePort();
        trin = Distribution.copy(temp);
        Distribution.Result made = trin.toolWithInput(PASSWORD + "\n", "console-password", "--iterations", "50000");
        assertThat(made.exitCode()).as(made.output()).isZero();
        assertThat(made.output()).doesNotContain(PASSWORD);
        String line = made.output().strip();
        assertThat(line).startsWith("passwordHash={pbkdf2-sha256}50000$");
        trin.set("trin.console.cfg", "passwordHash", line.substring("passwordHash=".length()))
                .set("trin.client.cfg", "port", Integer.toString(Distribution.freePort()))
                .set("trin.client.cfg", "pdrInterval", "3600")
                .set("org.apache.felix.http.cfg", "org.osgi.service.http.port", Integer.toString(httpPort))
                .start();
        trin.awaitLog("^\\[INFO\\] BrokerConnection - Connected to ", START);
        trin.awaitLog("Web console on " + Pattern.quote("http://127.0.0.1:" + httpPort + "/system/console/trin"), START);
        console = new ConsoleHttp(httpPort, "trin", PASSWORD);
        Await.until("the Web Console and the trin page", START, () -> status(console, "/system/console/trin") == 200);
    }

    @AfterAll
    static void stop() {
        if (trin != null) {
            trin.close();
        }
    }

    @Test
    @Order(1)
    void givenThePasswordHashFromBinTrinConsolePassword_thenItsPasswordOpensTheConsole() throws Exception {
        // (A wrong one is refused in the last test, which counts them.)
        assertThat(console.get("/trin/status").statusCode()).isEqualTo(200);
        assertThat(trin.log()).doesNotContain(PASSWORD).doesNotContain("unsalted");
    }

    @Test
    @Order(2)
    void givenEveryPage_thenItMayNotBeFramedByAnotherSite_andCarriesAContentSecurityPolicy() throws Exception {
        for (String path : List.of("/system/console/trin", "/system/console/bundles", "/system/console/configMgr",
                "/system/console/trin/data.json", "/trin/status")) {
            HttpResponse<String> page = console.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("SAMEORIGIN");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("frame-ancestors 'self'").contains("object-src 'none'"));
        }
    }

    @Test
    @Order(3)
    void givenAForgedConfigurationPost_fromAnotherSite_thenRefused_andTheRunningConfigurationUnchanged()
            throws Exception {
        Map<String, String> form = Map.of("apply", "update", "propertylist", "pdrInterval", "pdrInterval", "77");

        HttpResponse<String> forged = console.postForm("/system/console/configMgr/trin.client", form, EVIL);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(pdrInterval()).isEqualTo(3600);
        assertThat(trin.log()).contains("Refused a POST to /system/console/configMgr/trin.client from another web "
                + "site: Origin http://evil.example is not 127.0.0.1:");

        HttpResponse<String> own = console.postForm("/system/console/configMgr/trin.client", form, console.origin());
        assertThat(own.statusCode()).as("the same change from the console's own page").isEqualTo(302);
        Await.until("pdrInterval 77", WAIT, () -> pdrInterval() == 77);
        HttpResponse<String> tool = console.postForm("/system/console/configMgr/trin.client",
                Map.of("apply", "update", "propertylist", "pdrInterval", "pdrInterval", "3600"), null);
        assertThat(tool.statusCode()).as("neither Origin nor Referer: a tool such as curl, not a page").isEqualTo(302);
        Await.until("pdrInterval 3600 again", WAIT, () -> pdrInterval() == 3600);
    }

    @Test
    @Order(4)
    void givenAForgedBundleUpload_fromAnotherSite_thenRefused_andNoBundleInstalled() throws Exception {
        Map<String, String> fields = Map.of("action", "install", "bundlestart", "start");

        HttpResponse<String> forged = console.postMultipart("/system/console/bundles", fields, "bundlefile",
                "forged.jar", bundleJar(FORGED), EVIL);
        HttpResponse<String> own = console.postMultipart("/system/console/bundles", fields, "bundlefile",
                "uploaded.jar", bundleJar(UPLOADED), console.origin());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(own.statusCode()).as("the same upload from the console's own page").isIn(200, 302);
        Await.until("the bundle uploaded from the console's page", WAIT, () -> installed(UPLOADED));
        assertThat(installed(FORGED)).as("the forged one, refused before the upload after it").isFalse();
    }

    @Test
    @Order(5)
    void givenAForgedTrinActionOrFrameworkAction_fromAnotherSite_thenRefused_andTheSessionGoesOn()
            throws Exception {
        HttpResponse<String> restart = console.post("/system/console/trin/action", Map.of("X-Trin-Action", "restart"),
                EVIL);
        HttpResponse<String> shutdown = console.postForm("/system/console/vmstat", Map.of("action", "shutdown"),
                "null");

        assertThat(restart.statusCode()).isEqualTo(403);
        assertThat(shutdown.statusCode()).isEqualTo(403);
        HttpResponse<String> report = console.post("/system/console/trin/action", Map.of("X-Trin-Action", "report"),
                console.origin());
        assertThat(report.statusCode()).as("an action from the console's own page").isEqualTo(200);
        JsonNode status = JSON.readTree(console.get("/trin/status").body());
        assertThat(status.path("state").asText()).isEqualTo("CONNECTED");
        assertThat(status.path("counters").path("reconnects").asInt()).isZero();
        assertThat(status.path("lastDisconnect").isNull()).isTrue();
    }

    @Test
    @Order(6)
    void givenTheBundlesPage_whenABundleIsUploadedThroughItInChromium_thenItIsInstalled() throws Exception {
        Path jar = Files.write(temp.resolve("browser-upload.jar"), bundleJar(BROWSER_UPLOADED));
        WebDriver browser = Chromium.start(temp);
        try {
            browser.get("http://trin:" + PASSWORD + "@127.0.0.1:" + httpPort + "/system/console/bundles");
            Await.until("the install button", WAIT, () -> displayed(browser, By.className("installButton")));
            assertThat(Chromium.violations(browser)).as("Felix's page within the content security policy").isEmpty();

            browser.findElement(By.className("installButton")).click();
            Await.until("the upload dialog", WAIT, () -> displayed(browser, By.id("uploadDialog")));
            browser.findElement(By.cssSelector("#uploadDialog input[type=file]")).sendKeys(jar.toString());
            browser.findElement(By.xpath("//button[normalize-space(.)='Install or Update']")).click();

            Await.until("the bundle uploaded through the page", WAIT, () -> installed(BROWSER_UPLOADED));
            assertThat(Chromium.violations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(7)
    void givenWrongPasswords_thenAfterFiveTheLoginsWait_429_whileTheOperatorsOpenLoginGoesOn() throws Exception {
        ConsoleHttp guesser = console.as("trin", "guess");
        for (int i = 1; i <= 5; i++) {
            assertThat(guesser.get("/trin/status").statusCode()).as("wrong password " + i).isEqualTo(401);
        }
        HttpResponse<String> throttled = null;
        for (int i = 0; i < 8 && throttled == null; i++) {
            HttpResponse<String> answer = guesser.get("/system/console/bundles");
            assertThat(answer.statusCode()).isIn(401, 429);
            throttled = answer.statusCode() == 429 ? answer : null;
        }

        assertThat(throttled).as("a 429 within eight more tries, the wait doubling after each").isNotNull();
        assertThat(throttled.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(s ->
                assertThat(s).isBetween(1, 60));
        assertThat(console.get("/system/console/trin/data.json").statusCode()).as("the operator's verified login")
                .isEqualTo(200);
        assertThat(trin.log()).doesNotContain("guess").doesNotContain(PASSWORD);
    }

    private static int pdrInterval() {
        try {
            JsonNode configs = JSON.readTree(console.get("/system/console/configMgr/trin.client.json").body());
            return configs.get(0).path("properties").path("pdrInterval").path("value").asInt();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> bundles() throws IOException, InterruptedException {
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(console.get("/system/console/bundles.json").body()).path("data").forEach(list::add);
        return list;
    }

    private static boolean installed(String symbolicName) {
        try {
            return bundles().stream().anyMatch(b -> symbolicName.equals(b.path("symbolicName").asText()));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean displayed(WebDriver browser, By by) {
        try {
            return !browser.findElements(by).isEmpty() && browser.findElement(by).isDisplayed();
        } catch (WebDriverException e) {
            return false;
        }
    }

    private static int status(ConsoleHttp http, String path) {
        try {
            return http.get(path).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** A bundle with a manifest and nothing else. */
    static byte[] bundleJar(String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.flush();
        }
        return bytes.toByteArray();
    }
}
