package io.banwatch.collector;

import com.sun.net.httpserver.HttpServer;
import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sessions, sign-out, CSRF and the admins' token page in a real headless Chromium, like
 * {@link DashboardBrowserTest} (skipped without Chromium unless {@code banwatch.browserTests=required}).
 * A page on another port of the same host plays the attacker: it is the same site, so the
 * browser sends the session cookie along, and only the CSRF token stops its forms.
 * Screenshots go to {@code target/screenshots/sessions-DATABASE/}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardSessionBrowserTest {
    static final String HTML_NAME = "officer <img src=x onerror=alert(7)>";

    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase db;
    private Path screenshots;
    private TestCollector collector;
    private WebDriver driver;
    private HttpServer attacker;
    private String missingBrowser;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startCollectorAndBrowser() throws IOException {
        db = new TestDatabase(kind);
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots", "sessions-" + name);
        driver = null;
        collector = null;
        attacker = null;
        missingBrowser = DashboardBrowserTest.missingBrowser();
        if (missingBrowser != null) {
            return;
        }
        db.create();
        collector = TestCollector.start(db.config(dir.resolve(name)).build(), clock);
        attacker = attackerSite(collector.server.port());
        Files.createDirectories(screenshots);
        driver = DashboardBrowserTest.startChromium(Files.createDirectories(dir.resolve(name + "-chromium")));
    }

    @BeforeEach
    void skipWithoutBrowser() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        driver.manage().deleteAllCookies();
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
        if (collector != null) {
            collector.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void anAdminCreatesAndRevokesATokenThroughTheForms() {
        signIn(collector.admin);
        assertThat(driver.findElement(By.cssSelector("header .who")).getText()).isEqualTo("test admin admin");
        submit(driver.findElement(By.linkText("Tokens")));
        assertThat(title()).isEqualTo("Tokens - banwatch");
        screenshot("01-tokens");

        driver.findElement(By.name("name")).sendKeys(HTML_NAME);
        new Select(driver.findElement(By.name("role"))).selectByValue("viewer");
        submit(driver.findElement(By.xpath("//button[text()='Create token']")));
        assertThat(title()).isEqualTo("Token created - banwatch");
        assertThat(body()).contains("Copy this token now: it is shown only this once.", HTML_NAME);
        String secret = driver.findElement(By.id("new-token")).getText();
        assertThat(secret).startsWith("bw_v_");
        assertThat(collector.get("/api/v1/summary", secret).statusCode()).isEqualTo(200);
        screenshot("02-token-created");
        assertNoScriptRanOrWasInjected();

        submit(driver.findElement(By.linkText("Back to tokens")));
        assertThat(body()).contains(HTML_NAME).doesNotContain(secret);
        WebElement row = driver.findElement(By.xpath("//tr[td[text()='" + HTML_NAME + "']]"));
        submit(row.findElement(By.linkText("Revoke")));
        assertThat(body()).contains("Revoke " + HTML_NAME + " (viewer)?");
        screenshot("03-revoke-confirm");
        assertNoScriptRanOrWasInjected();
        submit(driver.findElement(By.xpath("//button[text()='Revoke']")));
        assertThat(title()).isEqualTo("Tokens - banwatch");
        assertThat(driver.findElement(By.cssSelector("p.notice")).getText()).endsWith("is revoked; its dashboard"
                + " sessions have ended.");
        assertThat(collector.get("/api/v1/summary", secret).statusCode()).isEqualTo(401);
        screenshot("04-revoked");
        assertNoScriptRanOrWasInjected();
    }

    @Test
    void signingOutWithTheHeaderButtonMakesACopyOfTheCookieWorthless() {
        signIn(collector.viewer());
        assertThat(driver.findElement(By.cssSelector("header .who")).getText()).isEqualTo("test viewer viewer");
        assertThat(driver.findElements(By.linkText("Tokens"))).isEmpty();
        open("/admin/tokens");
        assertThat(title()).isEqualTo("Admins only - banwatch");
        assertThat(body()).contains("This page needs an admin token; you are signed in with a viewer token.");
        screenshot("05-viewer-refused");

        Cookie copy = driver.manage().getCookieNamed("banwatch_session");
        open("/");
        submit(driver.findElement(By.xpath("//header//button[text()='Sign out']")));
        assertThat(title()).isEqualTo("Sign in - banwatch");
        assertThat(driver.manage().getCookieNamed("banwatch_session")).isNull();

        driver.manage().addCookie(copy);
        open("/hosts");
        assertThat(title()).as("the copied cookie after signing out").isEqualTo("Sign in - banwatch");
    }

    @Test
    void aFormOnAnotherPageOfTheSameSiteIsRefused() {
        signIn(collector.admin);
        long tokens = db.count("SELECT COUNT(*) FROM tokens");
        driver.get(attackerBase() + "/prize");
        submit(driver.findElement(By.id("claim")));
        assertThat(driver.getCurrentUrl()).isEqualTo(collector.base + "/admin/tokens");
        assertThat(title()).isEqualTo("Request refused - banwatch");
        assertThat(body()).contains("This form's security token is missing or wrong, so nothing was changed");
        assertThat(db.count("SELECT COUNT(*) FROM tokens")).isEqualTo(tokens);
        screenshot("06-forged-form-refused");

        // Signing the victim in as the attacker is refused too: the form lacks its cookie's value.
        driver.get(attackerBase() + "/sign-in");
        submit(driver.findElement(By.id("claim")));
        assertThat(title()).isEqualTo("Request refused - banwatch");
        open("/");
        assertThat(driver.findElement(By.cssSelector("header .who")).getText()).isEqualTo("test admin admin");
        assertNoScriptRanOrWasInjected();
    }

    // ---- the attacker ----

    /** Serves forms that post to the collector: to create an admin token, and to sign in as the attacker. */
    private HttpServer attackerSite(int collectorPort) throws IOException {
        String target = "http://127.0.0.1:" + collectorPort;
        String attackerToken = collector.viewer();
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/prize", ex -> page(ex, "<form method=\"post\" action=\"" + target + "/admin/tokens\">"
                + "<input type=\"hidden\" name=\"name\" value=\"backdoor\"><input type=\"hidden\" name=\"role\""
                + " value=\"admin\"><button id=\"claim\">Claim your prize</button></form>"));
        s.createContext("/sign-in", ex -> page(ex, "<form method=\"post\" action=\"" + target + "/login\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + attackerToken + "\"><button id=\"claim\">Go</button>"
                + "</form>"));
        s.start();
        return s;
    }

    private String attackerBase() {
        return "http://127.0.0.1:" + attacker.getAddress().getPort();
    }

    private static void page(com.sun.net.httpserver.HttpExchange ex, String form) throws IOException {
        byte[] b = ("<!DOCTYPE html><html><head><title>prize</title></head><body>" + form + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    // ---- the browser ----

    private void signIn(String token) {
        open("/login");
        driver.findElement(By.id("token")).sendKeys(token);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(driver.getCurrentUrl()).isEqualTo(collector.base + "/");
        assertThat(title()).isEqualTo("Fleet summary - banwatch");
    }

    private void submit(WebElement element) {
        PageLoads.clickAndWait(driver, element);
    }

    private void open(String path) {
        driver.get(collector.base + path);
    }

    private String body() {
        return driver.findElement(By.tagName("body")).getText();
    }

    private String title() {
        return (String) ((ChromeDriver) driver).executeScript("return window.document.title");
    }

    private void assertNoScriptRanOrWasInjected() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("img, iframe, object, embed, body style"))).isEmpty();
        assertThat(driver.findElements(By.xpath("//*[@*[starts-with(name(), 'on')]]"))).isEmpty();
    }

    private void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
