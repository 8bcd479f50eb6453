package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A person's walk through the Registry in a real browser (headless Chromium): sign in, browse, sign out; with
 * screenshots of the dashboard and the deposits chart. Skipped where Chromium is not installed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BrowserWalkTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WebApp.on(DB);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void needsChromium() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    static void drop() {
        DB.drop();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    static Path screenshot(ChromeDriver d, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, d.getScreenshotAs(OutputType.BYTES));
        byte[] png = Files.readAllBytes(file);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        return file;
    }

    private void signIn(WebDriver d, String email) {
        d.get(url("/users/sign_in"));
        d.findElement(By.id("email")).sendKeys(email);
        d.findElement(By.id("password")).sendKeys("password");
        d.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
    }

    @Test
    void signInBrowseAndSignOut() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            ChromeDriver d = browser.driver();
            d.get(url("/dashboard"));
            assertThat(d.getCurrentUrl()).contains("/users/sign_in");
            signIn(d, "admin@inst1.edu");
            assertThat(d.getCurrentUrl()).endsWith("/dashboard");
            assertThat(d.findElement(By.cssSelector("h1")).getText()).isEqualTo("Dashboard");
            screenshot(d, "dashboard");

            d.findElement(By.cssSelector("header .who button")).click();
            assertThat(d.getCurrentUrl()).contains("/users/sign_in");
            d.get(url("/dashboard"));
            assertThat(d.getCurrentUrl()).contains("/users/sign_in");
        }
    }
}
