package dev.gavel.system;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One person's headless Chromium (Debian's chromium and chromium-driver; Selenium never downloads one), with what
 * the browser tests check on every page: the console stays free of errors, axe-core finds nothing serious, and a
 * screenshot is kept under {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    final ChromeDriver driver;
    final String name;
    private final List<String> consoleErrors = new ArrayList<>();

    /** Runs when Chromium is installed; under CI=true a missing Chromium fails (.ci/run installs it). */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            assertFalse("true".equals(System.getenv("CI")),
                    "chromium and chromium-driver are missing: .ci/run installs them (apt-get install chromium chromium-driver)");
            Assumptions.abort("chromium and chromium-driver are not installed");
        }
    }

    Browser(String name, int width, int height) {
        this.name = name;
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-dev-shm-usage", "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    Browser open(String url) {
        driver.get(url);
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    void click(String css) {
        find(css).click();
    }

    <T> T await(Duration timeout, Function<ChromeDriver, T> condition) {
        // an element found by one poll may be re-rendered before the poll reads it (a toast replaced by the next
        // one): that poll is not an answer, the next one finds the element again
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> condition.apply((ChromeDriver) d));
    }

    /** Waits for the element's text to contain the words. */
    void awaitText(String css, String words, Duration timeout) {
        await(timeout, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(words);
        });
    }

    Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(code, args);
    }

    /** Keeps a screenshot of what the page shows now. */
    Path screenshot(String page) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(page + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** No serious or critical accessibility violation on the page as it is now (axe-core, WCAG 2 A and AA). */
    void assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<String> serious = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                serious.add(rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " " + rule.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        assertTrue(serious.isEmpty(), page + " has accessibility violations: " + serious);
    }

    /** Collects the console's errors so far; {@link #assertNoConsoleErrors} fails on any. */
    void collectConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(driver.getCurrentUrl() + ": " + entry.getMessage());
            }
        }
    }

    void assertNoConsoleErrors() {
        collectConsole();
        assertTrue(consoleErrors.isEmpty(), name + "'s console: " + consoleErrors);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
