package org.aptrust.registry.web.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.aptrust.registry.db.testing.TestDatabase;
import org.aptrust.registry.db.testing.TestPostgres;
import org.aptrust.registry.web.app.RegistryConfiguration;
import org.aptrust.registry.web.pages.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A deletion walked through in a real browser (headless Chromium): an institutional admin asks from the object's
 * page; the mail with the review link reaches the other admin (GreenMail); that admin, signed out, follows the link,
 * is asked to sign in, comes back to the review page, approves, and opens the Delete work item, which nsqd's /pub
 * (recorded in this JVM) received.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeletionBrowserWalkTest {

    private static final TestDatabase DB = TestPostgres.fixtureDatabase();
    private static final WorkflowData DATA = new WorkflowData(DB);
    private static final Mailbox MAIL = new Mailbox();
    private static final RecordingNsqd NSQD = new RecordingNsqd();
    static final DropwizardAppExtension<RegistryConfiguration> APP = WorkflowData.app(DB, MAIL, NSQD);
    private static final Pattern REVIEW = Pattern.compile("https?://[^/\\s]+(/deletions/review/(\\d+)\\?token=[A-Za-z0-9_-]+)");

    @BeforeAll
    static void needsChromium() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    static void stop() {
        MAIL.close();
        NSQD.close();
        DB.drop();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    /** Clicks something that loads a new page and waits until the new page has loaded. */
    private static void navigate(WebDriver d, WebElement target) {
        ((JavascriptExecutor) d).executeScript("window.registryOldPage = true;");
        target.click();
        new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                        "return window.registryOldPage === undefined && document.readyState === 'complete';")));
    }

    private static void signInHere(WebDriver d, String email) {
        d.findElement(By.id("email")).sendKeys(email);
        d.findElement(By.id("password")).sendKeys("password");
        navigate(d, d.findElement(By.cssSelector("form.sign-in button[type=submit]")));
    }

    @Test
    void anObjectIsDeletedThroughTheMailedLinkInABrowser() throws Exception {
        int object = DATA.newObject(2, "institution1.edu", "browser_deletion");
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver d = chromium.driver();
            d.get(url("/users/sign_in"));
            signInHere(d, "admin@inst1.edu");
            d.get(url("/objects/show/" + object));
            navigate(d, d.findElement(By.linkText("Delete this object")));
            assertThat(d.findElement(By.cssSelector("ul.items")).getText())
                    .contains("object institution1.edu/browser_deletion (2 active file(s)");
            navigate(d, d.findElement(By.cssSelector("form[action='/objects/init_delete/" + object + "'] button")));
            Matcher shown = Pattern.compile("/deletions/show/(\\d+)$").matcher(d.getCurrentUrl());
            assertThat(shown.find()).as(d.getCurrentUrl()).isTrue();
            String requestId = shown.group(1);

            // The other admin's mail, and its link followed in a browser that is not signed in.
            Mailbox.Mail mail = MAIL.await(1, m -> m.to().equals("admin2@inst1.edu")
                    && m.subject().equals("Deletion Requested") && m.body().contains("/deletions/review/" + requestId
                    + "?")).get(0);
            Matcher link = REVIEW.matcher(mail.body());
            assertThat(link.find()).as(mail.body()).isTrue();
            d.manage().deleteAllCookies();
            d.get(url(link.group(1)));
            assertThat(d.getCurrentUrl()).contains("/users/sign_in");
            signInHere(d, "admin2@inst1.edu");
            assertThat(d.getCurrentUrl()).as("back at the review link").endsWith(link.group(1));
            assertThat(d.findElement(By.cssSelector("ul.items")).getText())
                    .contains("object institution1.edu/browser_deletion");

            navigate(d, d.findElement(By.cssSelector("form[action='/deletions/approve/" + requestId + "'] button")));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Deletion approved");
            WebElement itemLink = d.findElement(By.cssSelector("a[href^='/work_items/show/']"));
            String itemId = itemLink.getAttribute("href").replaceAll(".*/work_items/show/", "");
            navigate(d, itemLink);
            assertThat(d.findElement(By.cssSelector("table.facts")).getText()).contains("Delete")
                    .contains("Requested").contains("browser_deletion");
            BrowserScreens.save(d, "deletion-work-item");
            assertThat(NSQD.published()).contains("delete_item " + itemId);
            assertThat(DATA.query("SELECT count(*) FROM work_items WHERE action = 'Delete' AND deletion_request_id = "
                    + requestId)).isEqualTo(1);
        }
    }

    /** Screenshots beside the browser walk's, for a person to look at. */
    static final class BrowserScreens {
        static void save(ChromeDriver d, String name) throws Exception {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name + ".png"),
                    d.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
    }
}
