package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless chromium (Debian's, through its chromedriver; Selenium downloads nothing) for the console's browser
 * tests: open pages, sign in, save screenshots under {@code target/screenshots}, and check a page with axe-core.
 */
final class Browser implements AutoCloseable {

    static final String CONSOLE = Api.BASE_URL + "/console";
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("registry.it.screenshots", "target/screenshots"));
    private static String axeScript;

    final ChromeDriver driver;
    final WebDriverWait wait;

    Browser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Opens a console path such as {@code /index.xhtml}. */
    Browser open(String path) {
        driver.get(CONSOLE + path);
        return this;
    }

    /** Forgets every cookie of the console (signed out, default theme). */
    Browser reset() {
        open("/login.xhtml");
        driver.manage().deleteAllCookies();
        return this;
    }

    /** Signs in afresh, from a browser without a session. */
    Browser signIn(String username, String password) {
        reset();
        open("/login.xhtml");
        return fillSignIn(username, password);
    }

    /** Fills the sign-in form the browser shows now and submits it. */
    Browser fillSignIn(String username, String password) {
        type(By.id("signIn:username"), username);
        type(By.id("signIn:password"), password);
        driver.findElement(By.id("signIn:submit")).click();
        // the page after the sign-in loaded, not only its address changed: a get() sent while the redirect's page
        // is still loading can return on that page's load and leave the next page unread
        wait.until(d -> (!d.getCurrentUrl().contains("/login.xhtml") && loaded())
                || !d.findElements(By.cssSelector(".msg-error")).isEmpty());
        return this;
    }

    void type(By field, String text) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(field));
        element.clear();
        element.sendKeys(text);
    }

    String text(By element) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(element))
                .getText();
    }

    /** The page's heading, once the page has one; a page without (a server's plain error) fails naming what came. */
    String title() {
        try {
            return wait.until(d -> loaded() ? d.findElement(By.tagName("h1")) : null)
                    .getText();
        } catch (TimeoutException e) {
            String body = String.valueOf(
                    driver.executeScript("return document.documentElement ? document.documentElement.outerHTML : ''"));
            throw new AssertionError(
                    "no heading at " + driver.getCurrentUrl() + " after 20 s; the page: "
                            + body.substring(0, Math.min(body.length(), 1500)),
                    e);
        }
    }

    /** The document has loaded and has its heading (every console page has one, the error page too). */
    private boolean loaded() {
        return "complete".equals(driver.executeScript("return document.readyState"))
                && !driver.findElements(By.tagName("h1")).isEmpty();
    }

    Cookie sessionCookie() {
        return driver.manage().getCookieNamed("REGISTRY_CONSOLE");
    }

    /** Saves the page as it looks now, for people to review: target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails on any serious or critical
     * violation, naming the rule and the elements.
     */
    void assertAccessible(String page) {
        JavascriptExecutor js = driver;
        js.executeScript(axe());
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
                + ".then(function (r) { done(r.violations.filter(function (v) {"
                + "  return v.impact === 'serious' || v.impact === 'critical'; })"
                + ".map(function (v) { return v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + "  + v.nodes.slice(0, 5).map(function (n) { return n.target.join(' '); }).join(', '); })); })"
                + ".catch(function (e) { done(['axe failed: ' + e]); });");
        List<String> violations = new ArrayList<>();
        if (result instanceof List<?> list) {
            list.forEach(v -> violations.add(String.valueOf(v)));
        }
        assertThat(violations)
                .as("serious or critical accessibility violations on " + page)
                .isEmpty();
    }

    private static synchronized String axe() {
        if (axeScript == null) {
            try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test class path");
                }
                axeScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeScript;
    }

    /** Browser console errors (a script refused by the Content-Security-Policy shows here). */
    List<String> severeLogs() {
        List<String> severe = new ArrayList<>();
        driver.manage().logs().get("browser").forEach(entry -> {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        });
        return severe;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
