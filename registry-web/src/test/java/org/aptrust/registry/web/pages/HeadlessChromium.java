package org.aptrust.registry.web.pages;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's ChromeDriver, headless, with a fresh profile and no background
 * networking (this machine's network is closed). Tests that use it are skipped where either binary is missing.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Skips the calling test (a JUnit assumption) when Chromium or ChromeDriver is not installed, unless the
     * environment says the browser is required ({@code REGISTRY_REQUIRE_BROWSER=true}, as .ci/run sets it): then a
     * missing browser fails the test, so CI can never pass with the browser walk silently skipped.
     */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String message = "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)";
        if (Boolean.parseBoolean(System.getenv("REGISTRY_REQUIRE_BROWSER"))) {
            if (!installed) {
                throw new AssertionError(message + ", and REGISTRY_REQUIRE_BROWSER=true requires them");
            }
            return;
        }
        Assumptions.assumeTrue(installed, message);
    }

    public static HeadlessChromium start() throws IOException {
        return start(true);
    }

    /** @param javaScript false starts a browser with scripts disabled (pages must still work) */
    public static HeadlessChromium start(boolean javaScript) throws IOException {
        assumeInstalled();
        Path profile = Files.createTempDirectory("registry-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--window-size=1400,1000", "--user-data-dir=" + profile);
        if (!javaScript) {
            options.setExperimentalOption("prefs",
                    java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new HeadlessChromium(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
