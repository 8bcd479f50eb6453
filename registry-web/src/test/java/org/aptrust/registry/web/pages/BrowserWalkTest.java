package org.aptrust.registry.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
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
        // The whole page, not just the window.
        long height = ((Number) d.executeScript("return document.documentElement.scrollHeight")).longValue();
        d.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int) Math.min(4000, height + 140)));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, d.getScreenshotAs(OutputType.BYTES));
        byte[] png = Files.readAllBytes(file);
        d.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        return file;
    }

    private void signIn(WebDriver d, String email) {
        d.get(url("/users/sign_in"));
        d.findElement(By.id("email")).sendKeys(email);
        d.findElement(By.id("password")).sendKeys("password");
        navigate(d, d.findElement(By.cssSelector("form.sign-in button[type=submit]")));
    }

    /**
     * Clicks something that loads a new page, and waits until it has: the old document carries a mark that the
     * new one does not (more robust than waiting for a stale element, which Chromium sometimes reports otherwise).
     */
    static void navigate(WebDriver d, WebElement target) {
        JavascriptExecutor js = (JavascriptExecutor) d;
        js.executeScript("window.registryOldPage = true;");
        target.click();
        new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                        "return window.registryOldPage === undefined && document.readyState === 'complete';")));
    }

    private static void signOut(ChromeDriver d) {
        navigate(d, d.findElement(By.cssSelector("header .who button")));
        new WebDriverWait(d, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/users/sign_in"));
        assertThat(d.findElement(By.cssSelector("h1")).getText()).isEqualTo("Sign in");
    }

    /** Pixels of a canvas that are not transparent: more than a few means Chart.js drew on it. */
    static long paintedPixels(ChromeDriver d, String canvasId) {
        Object n = d.executeScript("const c = document.getElementById(arguments[0]);"
                + " if (!c || c.getAttribute('data-rendered') !== 'true') { return -1; }"
                + " const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let painted = 0; for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) { painted++; } }"
                + " return painted;", canvasId);
        return ((Number) n).longValue();
    }

    /**
     * The canvas's painted pixels once Chart.js has drawn on it (its script runs after the page loads, later on a
     * busy machine), or what it had after 20 s.
     */
    static long paintedPixelsOnceDrawn(ChromeDriver d, String canvasId) {
        try {
            return new WebDriverWait(d, Duration.ofSeconds(20))
                    .until(driver -> {
                        long n = paintedPixels(d, canvasId);
                        return n > 1000 ? n : null;
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            return paintedPixels(d, canvasId);
        }
    }

    private static List<String> column(WebDriver d, int index) {
        return d.findElements(By.cssSelector("table.list tbody tr td:nth-child(" + index + ")")).stream()
                .map(WebElement::getText).toList();
    }

    @Test
    void signInBrowseAndSignOut() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            ChromeDriver d = browser.driver();
            d.get(url("/dashboard"));
            assertThat(d.getCurrentUrl()).contains("/users/sign_in");
            signIn(d, "system@aptrust.org");
            assertThat(d.getCurrentUrl()).endsWith("/dashboard");
            assertThat(d.findElement(By.cssSelector("h1")).getText()).isEqualTo("Dashboard");
            assertThat(paintedPixelsOnceDrawn(d, "formats-chart")).isGreaterThan(1000);
            screenshot(d, "dashboard");

            // Objects: the nav link shows active objects; filter by institution, sort by identifier.
            navigate(d, d.findElement(By.linkText("Objects")));
            assertThat(d.findElement(By.cssSelector("nav.pager .total")).getText()).isEqualTo("14 results");
            new Select(d.findElement(By.id("f-institution_id"))).selectByVisibleText("Institution One");
            navigate(d, d.findElement(By.cssSelector("form.filters button[type=submit]")));
            assertThat(d.findElement(By.cssSelector("nav.pager .total")).getText()).isEqualTo("5 results");
            navigate(d, d.findElement(By.cssSelector("table.list thead th a[href*='sort=identifier']")));
            List<String> ids = column(d, 1);
            assertThat(ids).hasSize(5).isSorted().allMatch(i -> i.startsWith("institution1.edu/"));
            assertThat(d.getCurrentUrl()).contains("institution_id=2").contains("sort=identifier__asc");

            // Paging: five a page, then the next page.
            d.get(url("/objects?state=A&per_page=5&sort=identifier__asc"));
            List<String> first = column(d, 1);
            navigate(d, d.findElement(By.cssSelector("nav.pager a[rel=next]")));
            List<String> second = column(d, 1);
            assertThat(second).hasSize(5).doesNotContainAnyElementsOf(first);
            assertThat(d.findElement(By.cssSelector("nav.pager")).getText()).contains("page 2 of 3");

            // An identifier search that matches one object opens it; then its files, and one file.
            d.findElement(By.id("f-identifier__starts_with")).sendKeys("institution1.edu/photo");
            navigate(d, d.findElement(By.cssSelector("form.filters button[type=submit]")));
            assertThat(d.getCurrentUrl()).endsWith("/objects/show/1");
            assertThat(d.findElement(By.cssSelector("h1")).getText())
                    .isEqualTo("Object institution1.edu/photo_collection_2016");
            assertThat(paintedPixelsOnceDrawn(d, "formats-chart")).isGreaterThan(1000);
            d.findElement(By.id("f-file_filter")).sendKeys("photo_001");
            navigate(d, d.findElement(By.cssSelector("#files form.filters button[type=submit]")));
            assertThat(d.findElement(By.cssSelector("#files nav.pager .total")).getText()).isEqualTo("1 result");
            navigate(d, d.findElement(By.partialLinkText("photo_001.jpg")));
            assertThat(d.findElement(By.cssSelector("h1")).getText()).endsWith("data/images/photo_001.jpg");
            assertThat(d.findElements(By.cssSelector("#checksums table tbody tr"))).hasSize(4);

            // The deposits chart.
            d.get(url("/reports/deposits?report_type=over_time&institution_id=2&start_date=2016-01-01"
                    + "&end_date=2026-11-01"));
            assertThat(paintedPixelsOnceDrawn(d, "deposits-chart")).isGreaterThan(1000);
            screenshot(d, "deposits-chart");

            signOut(d);
            d.get(url("/dashboard"));
            assertThat(d.getCurrentUrl()).contains("/users/sign_in");
        }
    }

    @Test
    void pagesWorkWithoutJavaScript() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(false)) {
            ChromeDriver d = browser.driver();
            signIn(d, "user@inst1.edu");
            assertThat(d.getCurrentUrl()).endsWith("/dashboard");
            d.get(url("/work_items"));
            new Select(d.findElement(By.id("f-action__in"))).selectByVisibleText("Ingest");
            new Select(d.findElement(By.id("f-action__in"))).selectByVisibleText("Delete");
            navigate(d, d.findElement(By.cssSelector("form.filters button[type=submit]")));
            assertThat(d.findElement(By.cssSelector("nav.pager .total")).getText()).isEqualTo("12 results");
            d.get(url("/reports/deposits?report_type=over_time"));
            // No drawing without scripts, but the numbers are all there.
            assertThat(d.findElements(By.cssSelector("#deposits-over-time table tbody tr"))).isNotEmpty();
            signOut(d);
        }
    }

    /** Types into a field and submits its form, waiting for the next page. */
    private static void submit(ChromeDriver d, String fieldId, String value) {
        WebElement field = d.findElement(By.id(fieldId));
        field.clear();
        field.sendKeys(value);
        navigate(d, field.findElement(By.xpath("ancestor::form//button[@type='submit']")));
    }

    @Test
    void enrolInTwoFactorSignInThenSignInWithACodeAndABackupCodeOnce() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            ChromeDriver d = browser.driver();
            signIn(d, "admin@test.edu");
            d.get(url("/users/2fa_setup"));
            String secret = d.findElement(By.cssSelector("code.otp-secret")).getText();
            Object qrWidth = d.executeScript("const i = document.querySelector('img[src=\"/users/2fa_qr\"]');"
                    + " return i && i.complete ? i.naturalWidth : 0;");
            assertThat(((Number) qrWidth).longValue()).as("the QR code loaded").isGreaterThan(100);
            screenshot(d, "two-factor-setup");
            long step = java.time.Instant.now().getEpochSecond() / 30;
            submit(d, "otp", TwoFactorPagesTest.code(secret, step));
            List<String> backup = d.findElements(By.cssSelector("ul.backup-codes code")).stream()
                    .map(WebElement::getText).toList();
            assertThat(backup).hasSize(10);
            signOut(d);

            signIn(d, "admin@test.edu");
            assertThat(d.getCurrentUrl()).endsWith("/users/2fa_choose");
            d.get(url("/dashboard"));
            assertThat(d.getCurrentUrl()).endsWith("/users/2fa_choose");
            submit(d, "otp", TwoFactorPagesTest.code(secret, step + 1));
            assertThat(d.getCurrentUrl()).endsWith("/dashboard");
            signOut(d);

            signIn(d, "admin@test.edu");
            d.get(url("/users/2fa_backup"));
            submit(d, "backup_code", backup.get(0));
            assertThat(d.getCurrentUrl()).endsWith("/dashboard");
            signOut(d);

            signIn(d, "admin@test.edu");
            d.get(url("/users/2fa_backup"));
            submit(d, "backup_code", backup.get(0));
            assertThat(d.findElement(By.cssSelector(".form-error")).getText()).startsWith("backup_code:");
            d.get(url("/dashboard"));
            assertThat(d.getCurrentUrl()).endsWith("/users/2fa_choose");
            screenshot(d, "two-factor-refused");
        }
    }
}
