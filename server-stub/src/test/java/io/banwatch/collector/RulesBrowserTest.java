package io.banwatch.collector;

import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Assumptions;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin uploads a rule pack on /admin/rules in a real headless Chromium (skipped without
 * Chromium unless {@code banwatch.browserTests=required}), and the collector's own background
 * worker turns a stored host non-compliant, which its page shows with the reason "rules changed"; the
 * fleet's software list finds the disallowed title and leads to the same host.
 * Screenshots go to {@code target/screenshots/rules-DATABASE/}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RulesBrowserTest {
    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T15:00:00Z"));
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase db;
    private Path screenshots;
    private TestCollector collector;
    private WebDriver driver;
    private String missingBrowser;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startCollectorAndBrowser() throws IOException {
        db = new TestDatabase(kind);
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots", "rules-" + name);
        driver = null;
        collector = null;
        missingBrowser = DashboardBrowserTest.missingBrowser();
        if (missingBrowser != null) {
            return;
        }
        db.create();
        var config = db.config(dir.resolve(name));
        config.profile = "us-federal-contractor";
        config.alertWorker = false;
        collector = TestCollector.start(config.build(), clock);
        String t = collector.enroll("host-a", "ws-anydesk");
        collector.post("/api/v1/reports", t, ReportBuilder.report().host(Samples.linuxHost("host-a", "ws-anydesk")).software(RulePacksTest.withAnyDesk()).scannedAt(clock.instant()).json(), null);
        Files.createDirectories(screenshots);
        driver = DashboardBrowserTest.startChromium(Files.createDirectories(dir.resolve(name + "-chromium")));
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (collector != null) {
            collector.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void anAdminUploadsAPackAndTheStoredHostTurnsNonCompliantOnItsPage() throws Exception {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        signIn(collector.admin);
        open("/hosts/host-a");
        assertThat(body()).contains("ws-anydesk").doesNotContain("VIOLATION");

        open("/");
        submit(driver.findElement(By.linkText("Rules")));
        assertThat(body()).contains("kaspersky-us", "built-in").doesNotContain("acme-remote-access");

        // A bad pack, pasted: refused with the agent's one line, nothing changed.
        driver.findElement(By.name("text")).sendKeys(RulePacksTest.ACME.replace("\"VIOLATION\"", "\"FORBIDDEN\""));
        submit(driver.findElement(By.id("add-pack")));
        assertThat(driver.findElement(By.id("pack-error")).getText()).isEqualTo("pasted pack: profile"
                + " 'us-federal-contractor': profiles[0].phases[1].installed: unknown level 'FORBIDDEN' (expected VIOLATION,"
                + " DEADLINE, RISK or INFO)");
        assertThat(driver.findElement(By.id("packs")).getText()).doesNotContain("acme-remote-access");
        screenshot("01-refused");

        Path pack = Files.writeString(dir.resolve("acme-remote-access-" + kind + ".json"), RulePacksTest.ACME,
                StandardCharsets.UTF_8);
        driver.findElement(By.name("file")).sendKeys(pack.toString());
        submit(driver.findElement(By.id("add-pack")));
        assertThat(body()).contains("Added pack acme-remote-access 2026.12.02");
        WebElement row = driver.findElement(By.xpath("//table[@id='packs']//tr[td/code[text()='acme-remote-access']]"));
        assertThat(row.getText()).contains("2026.12.02", RulePacksTest.sha256(RulePacksTest.ACME), "collector",
                "test admin (token");
        screenshot("02-added");

        // The collector's background worker judges the stored host again; no new scan.
        String page = "";
        // Until the finding shows too: the page's reads are not one snapshot, so the history may show first.
        for (int i = 0; i < 40 && !(page.contains("rules changed") && page.contains("AnyDesk is not allowed")); i++) {
            Thread.sleep(500);
            open("/hosts/host-a");
            page = body();
        }
        assertThat(page).contains("VIOLATION", "AnyDesk is not allowed since 2027-01-01", "rules changed")
                .doesNotContain("Kaspersky appeared");
        screenshot("03-host-non-compliant");

        // The fleet's software leads an officer to the same host: search the title, open its hosts.
        open("/software");
        driver.findElement(By.name("name")).sendKeys("anydesk");
        submit(driver.findElement(By.cssSelector("form.filters button[type=submit]")));
        // The index is filled by the collector's background worker: the page says while hosts are pending.
        for (int i = 0; i < 40 && !body().contains("Index up to date"); i++) {
            Thread.sleep(250);
            driver.navigate().refresh();
        }
        assertThat(driver.getCurrentUrl()).contains("/software?name=anydesk");
        assertThat(body()).contains("Index up to date", "1 title").doesNotContain("bash");
        submit(driver.findElement(By.linkText("anydesk")));
        assertThat(driver.getCurrentUrl()).endsWith("/software/hosts?title=anydesk");
        WebElement hostRow = driver.findElement(By.xpath("//table//tr[td/a[@href='/hosts/host-a']]"));
        assertThat(hostRow.getText()).contains("ws-anydesk", "VIOLATION", "6.3.2", "dpkg");
        assertThat(body()).contains("1 installation");
        screenshot("04-software-hosts");
        submit(hostRow.findElement(By.linkText("ws-anydesk")));
        assertThat(driver.getCurrentUrl()).endsWith("/hosts/host-a");
        assertThat(body()).contains("ws-anydesk", "AnyDesk is not allowed since 2027-01-01");

        open("/admin/rules");
        assertThat(driver.findElement(By.id("judged")).getText()).startsWith("The fleet was last judged with these packs at");
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
    }

    private void signIn(String token) {
        open("/login");
        driver.findElement(By.id("token")).sendKeys(token);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));
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

    private void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
