package trin.distribution;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

import trin.testkit.Await;
import trin.testkit.MqttProbe;

/**
 * The web console as a user meets it: the built distribution run as a
 * process (ports of its own, set in the copy's conf/ as a user would), and
 * Debian's Chromium driven headless by Selenium through Debian's
 * chromedriver, nothing downloaded ({@code SE_OFFLINE=true}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SEED_COMMAND = "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("trin.screenshots", "target/screenshots"));

    @TempDir
    static Path temp;

    private static Distribution trin;
    private static MqttProbe probe;
    private static WebDriver browser;
    private static int httpPort;
    private static String uid;
    private static String cid;
    private static String password;

    @BeforeAll
    static void startTrinAndTheBrowser() throws Exception {
        int mqttPort = Distribution.freePort();
        httpPort = Distribution.freePort();
        trin = Distribution.copy(temp)
                .set("trin.client.cfg", "port", Integer.toString(mqttPort))
                .set("trin.client.cfg", "pdrInterval", "3600")
                .set("org.apache.felix.http.cfg", "org.osgi.service.http.port", Integer.toString(httpPort))
                .set("trin.console.history.cfg", "sampleSeconds", "2")
                .start();
        Matcher connected = trin.awaitLog("^\\[INFO\\] BrokerConnection - Connected to tcp://localhost:" + mqttPort
                + " as (\\S+) in \\d+ ms$", START);
        uid = connected.group(1);
        cid = Files.readString(trin.home().resolve("data/local-key/trinqtt.cid"), UTF_8).strip();
        trin.awaitLog("Web console on " + Pattern.quote("http://127.0.0.1:" + httpPort + "/system/console/trin"), START);
        trin.awaitLog("web console's user is trin; its password was made at random and written to .*console\\.password",
                START);
        password = Files.readString(trin.home().resolve("data/console.password"), UTF_8).strip();
        probe = MqttProbe.builder("tcp://127.0.0.1:" + mqttPort).subscribe(cid + "/#").connect();
        browser = chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (probe != null) {
            probe.close();
        }
        if (trin != null) {
            trin.close();
        }
    }

    @Test
    @Order(1)
    void givenTheUserTrinAndThePasswordFromDataConsolePassword_whenTheTrinPageOpens_thenItShowsConnectedAndTheUid()
            throws Exception {
        assertThat(trin.log()).as("the password is never in the log").doesNotContain(password);
        assertThat(Files.getPosixFilePermissions(trin.home().resolve("data/console.password")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        browser.get(url("trin", password, "/system/console/trin"));

        awaitText("the state CONNECTED", () -> text(By.cssSelector("#tr-status .tr-state")), "CONNECTED");
        String status = browser.findElement(By.id("tr-status")).getText();
        assertThat(status).contains(uid).contains(cid).contains("LOCAL");
        assertThat(browser.findElement(By.id("tr-apps")).getText()).contains("my_app_id");
        assertThat(browser.findElement(By.id("tr-reporters")).getText()).contains("trin.health");
        Await.until("the CPU and memory plots with readings", WAIT, () -> points("cpu") > 0 && points("memory") > 0);
        assertThat(Chromium.violations(browser)).as("the content security policy let everything run").isEmpty();
        assertThat(browser.findElements(By.cssSelector("script[src], link[href]")))
                .as("every script and style sheet from this console, none from the internet").isNotEmpty()
                .allSatisfy(e -> assertThat(URI.create(e.getAttribute(e.getTagName().equals("script") ? "src" : "href"))
                        .getHost()).isEqualTo("127.0.0.1"));
    }

    @Test
    @Order(2)
    void givenThePlatformSendsTheSeedsCommand_thenThePageListsItAndItsReply_newestFirst() throws Exception {
        browser.get(url("trin", password, "/system/console/trin"));
        String commandTopic = cid + "/" + uid + "/my_app_id/</";
        String replyTopic = cid + "/" + uid + "/my_app_id/>/>a_tct";

        probe.publish(commandTopic, SEED_COMMAND, 1, false);

        assertThat(probe.awaitMessage(replyTopic, WAIT).text()).isEqualTo("{\"x\":[0,0,6]}");
        Await.until("the command and its reply among the recent messages", WAIT,
                () -> rowIndex(replyTopic, "{\"x\":[0,0,6]}") >= 0 && rowIndex(commandTopic, "sum_these") >= 0);
        assertThat(rowIndex(replyTopic, "{\"x\":[0,0,6]}")).as("the reply above the command: newest first")
                .isLessThan(rowIndex(commandTopic, "sum_these"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#tr-messages tr"));
        assertThat(rows.get(rowIndex(commandTopic, "sum_these")).getText()).contains("in");
        screenshot("trin-page.png");
    }

    @Test
    @Order(3)
    void givenPdrIntervalChangedOnTheConfigurationPage_thenTheNextReportsFollowAtTheNewInterval() throws Exception {
        browser.get(url("trin", password, "/system/console/configMgr/trin.client"));
        WebElement field = awaitElement(By.name("pdrInterval"));
        assertThat(Chromium.violations(browser)).as("Felix's page within the content security policy").isEmpty();
        field.clear();
        field.sendKeys("3");
        probe.clear();
        clickButton("Save");

        // The periodic report holds the basic data (no top_5_proc); 3600 s configured before: two within the
        // wait are the new interval's.
        String reportTopic = cid + "/" + uid + "/0/>";
        Await.until("two periodic reports after the change", WAIT, () -> probe.messages().stream()
                .filter(m -> m.topic().equals(reportTopic) && m.text().contains("cpu_usg")
                        && !m.text().contains("top_5_proc")).count() >= 2);
        assertThat(Files.readString(trin.home().resolve("conf/trin.client.cfg"), UTF_8))
                .as("the file is the user's: never rewritten").contains("pdrInterval=3600");
    }

    @Test
    @Order(4)
    void givenTheButtons_whenClicked_thenAFullReportGoesOut_andTheSessionStartsAgain() throws Exception {
        browser.get(url("trin", password, "/system/console/trin"));
        awaitText("the state CONNECTED", () -> text(By.cssSelector("#tr-status .tr-state")), "CONNECTED");
        String reportTopic = cid + "/" + uid + "/0/>";
        probe.clear();

        browser.findElement(By.id("tr-report")).click();

        probe.awaitMessage(m -> m.topic().equals(reportTopic) && m.text().contains("top_5_proc"), WAIT);
        probe.clear();

        browser.findElement(By.id("tr-restart")).click();

        probe.awaitMessage(m -> m.topic().equals(reportTopic) && m.text().contains(",101,"), WAIT);
        probe.awaitMessage(m -> m.topic().equals(reportTopic) && m.text().contains("Connect Success"), WAIT);
        awaitText("the state CONNECTED again", () -> text(By.cssSelector("#tr-status .tr-state")), "CONNECTED");
    }

    @Test
    @Order(5)
    void givenTheStatusEndpointAndTheHealthCheck_thenTheyAnswerWithThePasswordOnly() throws Exception {
        HttpResponse<String> status = get("/trin/status", "trin", password);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(status.body()).contains("\"state\":\"CONNECTED\"").contains("\"uid\":\"" + uid + "\"")
                .contains("\"counters\":{").contains("\"health\":{").doesNotContain(password);
        assertThat(get("/trin/health", "trin", password).statusCode()).isEqualTo(200);

        for (String path : List.of("/trin/status", "/trin/health", "/system/console/trin",
                "/system/console/trin/data.json", "/system/console/configMgr", "/system/console/bundles")) {
            // 401, or 429 once five wrong passwords in a row make the next login wait (ConsoleSecurityIT)
            assertThat(get(path, "trin", "wrong").statusCode()).as(path + " with a wrong password").isIn(401, 429);
            assertThat(get(path, "admin", "admin").statusCode()).as(path + " as admin/admin").isIn(401, 429);
            assertThat(get(path, null, null).statusCode()).as(path + " without credentials").isEqualTo(401);
        }
    }

    @Test
    @Order(6)
    void givenAWrongPassword_whenTheBrowserLogsIn_thenThePageIsRefused() {
        WebDriver stranger = chromium();
        try {
            stranger.get(url("trin", password + "x", "/system/console/trin"));

            Object status = ((JavascriptExecutor) stranger).executeScript(
                    "var n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null;");
            assertThat(status).as("the HTTP status of the page: 401, or 429 after the wrong passwords before")
                    .isIn(401L, 429L);
            assertThat(stranger.getPageSource()).doesNotContain("tr-status").doesNotContain(uid);
        } finally {
            stranger.quit();
        }
    }

    // Browser helpers

    private static WebDriver chromium() {
        return Chromium.start(temp);
    }

    private static String url(String user, String pass, String path) {
        return "http://" + user + ":" + pass + "@127.0.0.1:" + httpPort + path;
    }

    private static String text(By by) {
        try {
            return browser.findElement(by).getText();
        } catch (WebDriverException e) {
            return "";
        }
    }

    private static void awaitText(String what, Supplier<String> text, String expected) {
        Await.until(what, WAIT, () -> text.get().equals(expected));
    }

    private static WebElement awaitElement(By by) {
        Await.until(by.toString(), WAIT, () -> !browser.findElements(by).isEmpty()
                && browser.findElements(by).get(0).isDisplayed());
        return browser.findElement(by);
    }

    private static void clickButton(String label) {
        By by = By.xpath("//button[normalize-space(.)='" + label + "']");
        awaitElement(by).click();
    }

    private static int points(String key) {
        try {
            Object n = ((JavascriptExecutor) browser).executeScript(
                    "var c = document.querySelector('.tr-plot[data-key=\"' + arguments[0] + '\"] canvas');"
                            + "return c ? Number(c.getAttribute('data-points')) : 0;", key);
            return ((Number) n).intValue();
        } catch (WebDriverException e) {
            return 0;
        }
    }

    /** The row of the recent messages with this topic and a payload containing {@code payload}, or -1. */
    private static int rowIndex(String topic, String payload) {
        try {
            List<WebElement> rows = browser.findElements(By.cssSelector("#tr-messages tr"));
            for (int i = 0; i < rows.size(); i++) {
                String t = rows.get(i).findElement(By.className("tr-topic")).getText();
                String p = rows.get(i).findElement(By.className("tr-payload")).getText();
                if (t.equals(topic) && p.contains(payload)) {
                    return i;
                }
            }
        } catch (WebDriverException e) {
            // the table was redrawn while read: ask again
        }
        return -1;
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static HttpResponse<String> get(String path, String user, String pass) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(WAIT);
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass)
                    .getBytes(UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
