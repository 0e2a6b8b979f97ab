package trin.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: nothing
 * downloaded ({@code SE_OFFLINE=true}). Every page it opens records the
 * content security policy violations it meets, from its first script on.
 */
final class Chromium {

    private static final String RECORD_VIOLATIONS = "window.__cspViolations = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + "  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':'"
            + "    + e.lineNumber); });";

    private Chromium() {
    }

    static WebDriver start(Path dataParent) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--window-size=1280,1600",
                    "--user-data-dir=" + Files.createTempDirectory(dataParent, "chromium"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_VIOLATIONS));
        return driver;
    }

    /** The content security policy violations of the page now open. */
    @SuppressWarnings("unchecked")
    static List<String> violations(WebDriver browser) {
        Object list = ((JavascriptExecutor) browser).executeScript("return window.__cspViolations || null;");
        if (list == null) {
            throw new AssertionError("the page has no violation recorder: was it opened by this browser?");
        }
        return (List<String>) list;
    }
}
