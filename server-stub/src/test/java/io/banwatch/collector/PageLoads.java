package io.banwatch.collector;

import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Clicks that navigate, and a wait that knows when the next page has replaced this one. */
final class PageLoads {

    private PageLoads() {
    }

    /**
     * Clicks a button or link and waits until a new document has loaded. The old page is tagged
     * with a window property a new document cannot have; waiting on the old element going stale
     * instead races with Chromium, which may answer "node does not belong to the document" (an
     * unknown error, not a stale element) while the navigation is under way.
     */
    static void clickAndWait(WebDriver driver, WebElement element) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.__banwatchOldPage = true;");
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.__banwatchOldPage !== true && document.readyState === 'complete';")));
    }
}
