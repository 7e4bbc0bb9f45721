package io.banwatch.collector;

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
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The compliance officer's features in a real headless Chromium, like {@link DashboardBrowserTest}
 * (skipped without Chromium unless {@code banwatch.browserTests=required}): sorting by a column
 * header, exporting what the filters show, retiring a host with the button and its
 * confirmation, until it reports again, and finding a change in the admins' audit log. Screenshots go to {@code target/screenshots/officer-DATABASE/}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OfficerBrowserTest {
    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock(OfficerFleet.NOW);
    @Parameter
    TestDatabase.Kind kind;
    private TestDatabase db;
    private Path screenshots;
    private TestCollector collector;
    private OfficerFleet fleet;
    private WebDriver driver;
    private String missingBrowser;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startCollectorAndBrowser() throws IOException {
        db = new TestDatabase(kind);
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots", "officer-" + name);
        driver = null;
        collector = null;
        clock.set(OfficerFleet.NOW);
        missingBrowser = DashboardBrowserTest.missingBrowser();
        if (missingBrowser != null) {
            return;
        }
        db.create();
        collector = TestCollector.start(db.config(dir.resolve(name)).build(), clock);
        fleet = new OfficerFleet(collector, clock).seed();
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
        if (collector != null) {
            collector.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void clickingAColumnHeaderSortsTheListAndClickingAgainReversesIt() {
        signIn(collector.viewer());
        open("/hosts");
        assertThat(hostColumn()).containsExactly("alpha", "foxtrot", "bravo", "charlie", "echo", "delta");
        assertThat(header("Level").getDomAttribute("aria-sort")).isEqualTo("ascending");

        submit(header("Host").findElement(By.tagName("a")));
        assertThat(driver.getCurrentUrl()).endsWith("/hosts?sort=host&dir=asc");
        assertThat(hostColumn()).containsExactly("alpha", "bravo", "charlie", "delta", "echo", "foxtrot");
        assertThat(header("Host").getDomAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(header("Level").getDomAttribute("aria-sort")).isNull();
        screenshot("01-hosts-by-name");

        submit(header("Host").findElement(By.tagName("a")));
        assertThat(hostColumn()).containsExactly("foxtrot", "echo", "delta", "charlie", "bravo", "alpha");
        assertThat(header("Host").getDomAttribute("aria-sort")).isEqualTo("descending");

        // A filter keeps the order; the order keeps the filter.
        new Select(driver.findElement(By.name("profile"))).selectByValue("us-federal");
        submit(driver.findElement(By.cssSelector("form.filters button[type=submit]")));
        assertThat(hostColumn()).containsExactly("delta", "bravo", "alpha");
        submit(header("Last seen").findElement(By.tagName("a")));
        assertThat(hostColumn()).containsExactly("delta", "alpha", "bravo");
        assertThat(driver.getCurrentUrl()).contains("profile=us-federal", "sort=last_seen");
        screenshot("02-hosts-filtered-by-last-seen");
        assertNoScriptRan();
    }

    @Test
    void theExportLinkDownloadsExactlyWhatTheFiltersShow() throws Exception {
        signIn(collector.viewer());
        open("/findings");
        new Select(driver.findElement(By.name("product"))).selectByVisibleText(OfficerFleet.KESL);
        new Select(driver.findElement(By.name("level"))).selectByValue("VIOLATION");
        submit(driver.findElement(By.cssSelector("form.filters button[type=submit]")));
        submit(header("Host").findElement(By.tagName("a")));
        List<String> shown = hostColumn();
        assertThat(shown).containsExactly("alpha", "foxtrot");
        assertThat(body()).contains("2 findings", "software kesl 12.1.0-1297", "at /lib/systemd/system/kesl.service",
                "judged by kaspersky-us");
        screenshot("03-findings-filtered");

        HttpResponse<String> csv = download(driver.findElement(By.linkText("Export CSV")).getDomAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        List<Map<String, String>> rows = OfficerFleet.records(csv.body());
        assertThat(rows).extracting(r -> r.get("hostname")).containsExactlyElementsOf(shown);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("level")).isEqualTo("VIOLATION");
            assertThat(r.get("product")).isEqualTo(OfficerFleet.KESL);
            assertThat(r.get("product_version")).isEqualTo("12.1.0-1297");
            assertThat(r.get("evidence")).startsWith("software kesl 12.1.0-1297 (dpkg)");
        });
        HttpResponse<String> json = download(driver.findElement(By.linkText("Export JSON")).getDomAttribute("href"));
        assertThat(json.body()).contains("\"hostname\":\"alpha\"", "\"hostname\":\"foxtrot\"").doesNotContain("bravo");

        open("/hosts?stale=1");
        HttpResponse<String> hosts = download(driver.findElement(By.linkText("Export CSV")).getDomAttribute("href"));
        assertThat(OfficerFleet.records(hosts.body())).extracting(r -> r.get("hostname")).containsExactly("delta");
    }

    @Test
    void anAdminRetiresAHostWithTheButtonAndItReturnsWhenItReports() {
        signIn(collector.admin);
        open("/hosts?q=echo");
        submit(driver.findElement(By.linkText("echo")));
        submit(driver.findElement(By.linkText("Retire this host")));
        assertThat(title()).isEqualTo("Retire echo - banwatch");
        assertThat(body()).contains("Retire echo?", "comes back by itself if it reports again");
        screenshot("04-retire-confirm");
        driver.findElement(By.name("reason")).sendKeys("replaced by a new laptop");
        submit(driver.findElement(By.xpath("//button[text()='Retire host']")));
        assertThat(title()).isEqualTo("Host echo - banwatch");
        assertThat(body()).contains("Retired", "replaced by a new laptop", "Bring back into service");
        screenshot("05-host-retired");

        open("/hosts");
        assertThat(hostColumn()).doesNotContain("echo").hasSize(5);
        open("/");
        assertThat(body()).contains("1\nretired (not counted)");
        new Select(selectOn("/hosts", "retired")).selectByValue("only");
        submit(driver.findElement(By.cssSelector("form.filters button[type=submit]")));
        assertThat(hostColumn()).containsExactly("echo");

        // The laptop was not gone after all: it reports, and is back.
        // (Minutes later: within the session's idle time.)
        clock.advance(Duration.ofMinutes(10));
        fleet.report("host-e", OfficerFleet.withUltraAv(), List.of());
        open("/hosts");
        assertThat(hostColumn()).contains("echo").hasSize(6);
        open("/hosts/host-e");
        assertThat(body()).doesNotContain("Bring back into service").contains("back in service", "retired");
        screenshot("06-host-back");
        assertNoScriptRan();
    }

    @Test
    void theAuditReportFormOpensTheReportForTheChosenProfile() {
        signIn(collector.viewer());
        open("/");
        submit(driver.findElement(By.linkText("Audit report")));
        new Select(driver.findElement(By.name("profile"))).selectByValue("us-private");
        submit(driver.findElement(By.xpath("//button[@value='html']")));
        assertThat(title()).isEqualTo("banwatch audit report: profile us-private, as of 2026-11-24");
        assertThat(body()).contains("Hosts not shown compliant (1)", "charlie", "Generated by test viewer");
        screenshot("07-audit-report");
        assertNoScriptRan();
    }

    @Test
    void anAdminFindsAChangeInTheAuditLogByItsActionAndExportsWhatTheFilterShows() throws Exception {
        String viewer = collector.viewer();
        assertThat(collector.post("/api/v1/hosts/host-c/retire", collector.admin, "{\"reason\":\"sold <b>as is</b>\"}")
                .statusCode()).isEqualTo(200);
        assertThat(collector.post("/api/v1/hosts/host-c/unretire", collector.admin, "").statusCode()).isEqualTo(200);

        signIn(viewer);
        assertThat(driver.findElements(By.linkText("Audit log"))).isEmpty();
        open("/admin/audit");
        assertThat(title()).isEqualTo("Admins only - banwatch");
        open("/");
        submit(driver.findElement(By.xpath("//header//button[text()='Sign out']")));

        signIn(collector.admin);
        submit(driver.findElement(By.linkText("Audit log")));
        assertThat(title()).isEqualTo("Audit log - banwatch");
        assertThat(body()).contains("token.create", "host.unretire", "system: first start");
        new Select(driver.findElement(By.name("action"))).selectByValue("host.retire");
        submit(driver.findElement(By.cssSelector("form.filters button[type=submit]")));
        assertThat(driver.getCurrentUrl()).contains("action=host.retire");
        List<String> subjects = new ArrayList<>();
        for (WebElement row : driver.findElements(By.cssSelector("tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertThat(cells.get(2).getText()).isEqualTo("host.retire");
            subjects.add(cells.get(3).getText());
        }
        assertThat(subjects).contains("host-c");
        assertThat(body()).contains("charlie; reason: sold <b>as is</b>", "test admin (token ");
        screenshot("08-audit-log-filtered");
        assertNoScriptRan();

        HttpResponse<String> csv = download(driver.findElement(By.linkText("Export CSV")).getDomAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(OfficerFleet.records(csv.body())).extracting(r -> r.get("subject")).containsExactlyElementsOf(subjects);

        submit(driver.findElement(By.linkText("host-c")));
        assertThat(title()).isEqualTo("Host charlie - banwatch");
    }

    // ---- the browser ----

    private WebElement selectOn(String path, String name) {
        open(path);
        return driver.findElement(By.name(name));
    }

    private WebElement header(String label) {
        return driver.findElement(By.xpath("//thead//th[.//a[starts-with(normalize-space(.), '" + label + "')]]"));
    }

    /** The first column's names, top to bottom. */
    private List<String> hostColumn() {
        List<String> out = new ArrayList<>();
        for (WebElement a : driver.findElements(By.cssSelector("tbody tr td.name a"))) {
            out.add(a.getText());
        }
        return out;
    }

    /** Fetches a link of the page as the browser would, with its session cookie. */
    private HttpResponse<String> download(String href) {
        Cookie session = driver.manage().getCookieNamed("banwatch_session");
        return collector.send(HttpRequest.newBuilder(URI.create(collector.base).resolve(href))
                .timeout(Duration.ofSeconds(20)).header("Cookie", session.getName() + "=" + session.getValue()).GET()
                .build());
    }

    private void signIn(String token) {
        open("/login");
        driver.findElement(By.id("token")).sendKeys(token);
        submit(driver.findElement(By.cssSelector("form button[type=submit]")));
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

    private void assertNoScriptRan() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
    }

    private void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
